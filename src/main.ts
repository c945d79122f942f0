import { createApp } from './bootstrap';
import { InvalidConfigError, parseEnv } from './config/env.schema';

async function main(): Promise<void> {
  const env = parseEnv();
  const app = await createApp();
  await app.listen(env.PORT, env.HOST);
  const address = app.getHttpServer().address() as { port: number };
  const shownHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  const base = env.PUBLIC_URL ?? `http://${shownHost}:${address.port}`;
  // Printed plainly (not as a JSON log line) so a person starting the service sees where to go.
  process.stdout.write(
    [
      '',
      `  ChatBet Assistant is running`,
      `  Web chat:   ${base}/`,
      `  REST API:   ${base}/api/v1/chat/message`,
      `  API docs:   ${base}/docs`,
      `  Streaming:  ${base}/docs/asyncapi.yaml`,
      `  Health:     ${base}/health/ready`,
      '',
    ].join('\n') + '\n',
  );
}

main().catch((error: unknown) => {
  if (error instanceof InvalidConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`Failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
