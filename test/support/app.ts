import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { AppModule } from '../../src/app.module';
import { createApp, type CreateAppOptions } from '../../src/bootstrap';

export interface RunningApp {
  app: NestExpressApplication;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Env every test app starts from: quiet, loopback, no throttling surprises unless a test asks. */
const TEST_DEFAULTS: Record<string, string> = {
  ENVIRONMENT: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '100000',
  SOCKET_MESSAGES_PER_MINUTE: '100000',
  SOCKET_CONNECTIONS_PER_MINUTE: '100000',
};

/**
 * Boots the real application (same bootstrap as production) on an ephemeral loopback port with
 * the given environment, and restores the previous environment on close.
 */
export async function startApp(
  env: Record<string, string | undefined> = {},
  options: Pick<CreateAppOptions, 'create'> = {},
): Promise<RunningApp> {
  const merged = { ...TEST_DEFAULTS, ...env };
  const previous: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(merged)) {
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
  try {
    const app = await createApp({ logs: merged.LOG_LEVEL !== 'silent', create: options.create });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as { port: number };
    return {
      app,
      port,
      url: `http://127.0.0.1:${port}`,
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

/**
 * startApp with some of AppModule's providers or modules replaced. The testing module is compiled
 * inside `create`, so the configuration reads the test's environment.
 */
export function startAppWith(
  env: Record<string, string | undefined>,
  override: (module: TestingModuleBuilder) => TestingModuleBuilder,
): Promise<RunningApp> {
  return startApp(env, {
    create: async (options) => {
      const moduleRef = await override(Test.createTestingModule({ imports: [AppModule] })).compile();
      return moduleRef.createNestApplication<NestExpressApplication>(options);
    },
  });
}
