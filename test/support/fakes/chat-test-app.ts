import { RequestMethod, VersioningType } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { ChatModule } from '../../../src/chat/chat.module';
import { HttpExceptionFilter } from '../../../src/common/filters/http-exception.filter';
import { createValidationPipe } from '../../../src/common/validation/validation.pipe';
import { ConfigModule } from '../../../src/config/config.module';
import { GatewayModule } from '../../../src/gateway/gateway.module';
import { MetricsModule } from '../../../src/metrics/metrics.module';
import { RedisConnection } from '../../../src/redis/redis-connection';
import { RedisIoAdapter } from '../../../src/redis/redis-io.adapter';
import { HealthModule } from '../../../src/health/health.module';
import { ReadinessModule } from '../../../src/health/readiness.module';
import { Agent } from '../../../src/llm/agent/agent.types';
import { LlmModule } from '../../../src/llm/llm.module';
import { SportsApiModule } from '../../../src/sports-api/sports-api.module';
import { LanguageUnderstanding } from '../../../src/llm/nlu/nlu.types';
import { SportsApi } from '../../../src/sports-api/sports-api.port';
import { FakeAgent } from '../fake-agent';
import { FakeNlu } from './fake-nlu';
import { FakePortsModule } from './fake-ports.module';
import { FakeSportsApi } from './fake-sports-api';

export interface ChatTestApp {
  app: NestExpressApplication;
  url: string;
  agent: FakeAgent;
  nlu: FakeNlu;
  sports: FakeSportsApi;
  close(): Promise<void>;
}

const TEST_DEFAULTS: Record<string, string> = {
  ENVIRONMENT: 'test',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '100000',
  SOCKET_MESSAGES_PER_MINUTE: '100000',
};

/**
 * The chat transports (REST, Socket.IO, raw WS) with production validation, error filter, prefix
 * and versioning, on an ephemeral loopback port, with our fakes behind the Agent, NLU and SportsApi
 * ports. The fakes are shared by reference so two instances can use one wallet.
 */
export async function startChatApp(
  options: { env?: Record<string, string | undefined>; agent?: FakeAgent; nlu?: FakeNlu; sports?: FakeSportsApi } = {},
): Promise<ChatTestApp> {
  const env = { ...TEST_DEFAULTS, ...options.env };
  const previous: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) {
    previous[key] = process.env[key];
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const restore = () => {
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  const agent = options.agent ?? new FakeAgent();
  const nlu = options.nlu ?? new FakeNlu();
  const sports = options.sports ?? new FakeSportsApi();
  try {
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, ReadinessModule, MetricsModule, HealthModule, ChatModule, GatewayModule],
      providers: [
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    })
      // The real LLM and sports-API modules are swapped for one that only declares their ports.
      .overrideModule(LlmModule)
      .useModule(FakePortsModule)
      .overrideModule(SportsApiModule)
      .useModule(FakePortsModule)
      .overrideProvider(Agent)
      .useValue(agent)
      .overrideProvider(LanguageUnderstanding)
      .useValue(nlu)
      .overrideProvider(SportsApi)
      .useValue(sports)
      .compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, logger: false });
    app.useBodyParser('json', { limit: 64 * 1024 });
    app.set('trust proxy', 'loopback, linklocal, uniquelocal');
    app.setGlobalPrefix('api', { exclude: [{ path: 'health', method: RequestMethod.ALL }, { path: 'health/{*rest}', method: RequestMethod.ALL }] });
    app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
    // As in bootstrap.ts: Socket.IO on the Redis adapter when Redis is configured.
    const ioAdapter = new RedisIoAdapter(app, app.get(RedisConnection), 64 * 1024);
    await ioAdapter.connect();
    app.useWebSocketAdapter(ioAdapter);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    return {
      app,
      url: `http://127.0.0.1:${port}`,
      agent,
      nlu,
      sports,
      close: async () => {
        await app.close();
        restore();
      },
    };
  } catch (error) {
    restore();
    throw error;
  }
}
