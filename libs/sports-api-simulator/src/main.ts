// Standalone entry: `SIMULATOR_PORT=4010 npm run simulator`.
import { optionsFromEnv, startSimulator } from './simulator';

async function main(): Promise<void> {
  const simulator = await startSimulator(optionsFromEnv());
  console.log(`ChatBet sports API simulator listening on ${simulator.url}`);
  const shutdown = (): void => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('Simulator failed to start:', error);
  process.exit(1);
});
