import { type NestApplicationOptions, RequestMethod, VersioningType } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import type { Request, Response } from 'express';
import { AppModule } from './app.module';
import { type ErrorBody, errorMessage } from './common/errors';
import { correlationIdOf } from './common/http/correlation-id';
import { OriginPolicy } from './common/http/origin-policy';
import { HandshakeLimiter, type TrustProxyRule } from './common/http/handshake-limiter';
import { RestThrottlerStorage } from './chat/throttling/rest-throttler.storage';
import { RawWsGateway } from './gateway/raw-ws.gateway';
import { SportsUpdatesGateway } from './live/sports-updates.gateway';
import { parseEnv } from './config/env.schema';
import { serveApiDocs } from './web/api-docs';
import { serveWebPage } from './web/web-page';
import { RedisConnection } from './redis/redis-connection';
import { RedisIoAdapter } from './redis/redis-io.adapter';

/** Routes that live outside `/api/v1`: probes, metrics, docs, the web page and the raw WebSocket. */
const UNPREFIXED = [
  { path: 'health', method: RequestMethod.ALL },
  { path: 'health/{*rest}', method: RequestMethod.ALL },
  { path: 'metrics', method: RequestMethod.GET },
  { path: 'ws/test', method: RequestMethod.GET },
];

export interface CreateAppOptions {
  logs?: boolean;
  /**
   * Builds the Nest application instead of `NestFactory.create(AppModule)`; tests pass a
   * TestingModule's `createNestApplication` to override a provider (e.g. a short breaker delay)
   * while keeping the rest of the production bootstrap.
   */
  create?: (options: NestApplicationOptions) => Promise<NestExpressApplication>;
}

/** Builds the app exactly as production runs it; main.ts and the e2e helper both call this. */
export async function createApp(options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const env = parseEnv();
  const nestOptions: NestApplicationOptions = {
    bufferLogs: true,
    bodyParser: false,
    logger: options.logs === false ? false : undefined,
  };
  const app = options.create
    ? await options.create(nestOptions)
    : await NestFactory.create<NestExpressApplication>(AppModule, nestOptions);
  if (options.logs !== false) app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: env.MAX_BODY_BYTES });
  // Off unless configured: otherwise any peer could pick its own address and dodge the per-IP limit.
  app.set('trust proxy', env.TRUST_PROXY);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'connect-src': ["'self'", 'ws:', 'wss:'],
          'img-src': ["'self'", 'data:'],
          // The web page is also opened over plain http on a LAN address (npm start, docker); upgrading
          // its own scripts to https there would break it. TLS deployments redirect at the proxy.
          'upgrade-insecure-requests': null,
        },
      },
    }),
  );
  const origins = new OriginPolicy(env.CORS_ORIGINS, env.PUBLIC_URL);
  app.enableCors(origins.corsOptions);
  app.setGlobalPrefix('api', { exclude: UNPREFIXED });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  // process.exit(0) once closed (instead of re-raising the signal): a drained SIGTERM is a clean
  // exit for the orchestrator, and pino's exit hook flushes the last log lines.
  app.enableShutdownHooks([], { useProcessExit: true });
  // Express compiles TRUST_PROXY into this setting; the sockets reuse it so both mean the same client.
  const trustProxy = (app.getHttpAdapter().getInstance() as { get(name: 'trust proxy fn'): TrustProxyRule }).get('trust proxy fn');
  const handshakes = new HandshakeLimiter(app.get(RestThrottlerStorage), env.SOCKET_CONNECTIONS_PER_MINUTE, trustProxy);
  app.get(RawWsGateway).limitHandshakes(handshakes);
  app.get(SportsUpdatesGateway).limitHandshakes(handshakes);
  const ioAdapter = new RedisIoAdapter(app, app.get(RedisConnection), env.MAX_BODY_BYTES, origins, handshakes);
  await ioAdapter.connect();
  app.useWebSocketAdapter(ioAdapter);
  serveApiDocs(app);
  serveWebPage(app);
  await app.init();
  // With a global prefix Nest answers unknown routes only under /api; this keeps every other
  // unknown path on the same ErrorBody contract. Added after init so it runs after every route.
  app.use((req: Request, res: Response) => {
    const body: ErrorBody = {
      error_code: 'NOT_FOUND',
      message: errorMessage('NOT_FOUND'),
      correlation_id: correlationIdOf(req, res),
    };
    res.status(404).json(body);
  });
  return app;
}
