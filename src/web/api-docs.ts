import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Express, Request, Response } from 'express';
import { findProjectRoot } from './web-page';

/** The AsyncAPI document lives in the repository (docs/) so client developers find it there too. */
export const ASYNCAPI_PATH = 'docs/asyncapi.yaml';
export const ASYNCAPI_URL = '/docs/asyncapi.yaml';

export function asyncApiFile(): string {
  return join(findProjectRoot(), ASYNCAPI_PATH);
}

/**
 * The contracts a client developer needs, side by side: OpenAPI for REST at /docs (UI) and
 * /docs-json, AsyncAPI for Socket.IO `/chat` and the plain WebSocket at /docs/asyncapi.yaml.
 * The AsyncAPI file is read once at boot: a deployment without it is a packaging bug, not a 404.
 */
export function serveApiDocs(app: NestExpressApplication): void {
  const asyncApi = readFileSync(asyncApiFile(), 'utf8');
  const server: Express = app.getHttpAdapter().getInstance();
  // Registered before Swagger UI, whose static assets are served under the same /docs prefix.
  server.get(ASYNCAPI_URL, (_req: Request, res: Response) => {
    res.type('application/yaml; charset=utf-8').send(asyncApi);
  });

  const config = new DocumentBuilder()
    .setTitle('ChatBet Assistant API')
    .setDescription(
      [
        'Conversational sportsbook backend. This document covers REST; the Socket.IO namespace `/chat` and the plain',
        `WebSocket \`/ws/chat\` are described by the AsyncAPI document at [${ASYNCAPI_URL}](${ASYNCAPI_URL}).`,
        '',
        'Every 4xx/5xx body is an `ErrorBody`; each route lists the codes it can answer with, one example per code.',
      ].join('\n'),
    )
    .setVersion('1.0')
    .addApiKey(
      {
        type: 'apiKey',
        name: 'x-api-key',
        in: 'header',
        description:
          'Required on /api/v1 routes when the deployment sets API_KEYS (any one of them); otherwise not checked.',
      },
      'api-key',
    )
    .addBearerAuth(
      {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'A user token (USER_TOKEN_SECRET or USER_TOKEN_JWKS_URL): the user is its `sub`, and a `user_id` in the path or body that differs is 403 FORBIDDEN. Either this or an API key; in development POST /api/v1/dev/token gives one.',
      },
      'user-token',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
