import { createApp } from './bootstrap';
import { InvalidConfigError, parseEnv } from './config/env.schema';
import { redactUrlPasswords } from './common/logging/secret-scrubber';

/** Past the grace, by this much, a shutdown that is still not done is cut short. */
const SHUTDOWN_BACKSTOP_MARGIN_MS = 1000;

async function main(): Promise<void> {
  const env = parseEnv();
  const app = await createApp();
  await app.listen(env.PORT, env.HOST);
  exitIfShutdownOverruns(env.SHUTDOWN_GRACE_MS + SHUTDOWN_BACKSTOP_MARGIN_MS);
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

/**
 * The shutdown hooks are budgeted to end inside SHUTDOWN_GRACE_MS (src/common/shutdown-budget.ts);
 * this is the hard bound if one of them hangs anyway (a connection nobody closes, a stuck close),
 * so the orchestrator's SIGKILL is never what ends the process.
 */
function exitIfShutdownOverruns(limitMs: number): void {
  const arm = (signal: NodeJS.Signals) =>
    setTimeout(() => {
      process.stderr.write(`Shutdown after ${signal} did not finish within ${limitMs} ms; exiting anyway\n`);
      process.exit(1);
    }, limitMs).unref();
  process.once('SIGTERM', arm);
  process.once('SIGINT', arm);
}

main().catch((error: unknown) => {
  // A boot error may quote REDIS_URL (or another URL) with its password: never print that.
  if (error instanceof InvalidConfigError) {
    process.stderr.write(`${redactUrlPasswords(error.message)}\n`);
  } else {
    process.stderr.write(`Failed to start: ${redactUrlPasswords((error as Error)?.stack ?? String(error))}\n`);
  }
  process.exit(1);
});
