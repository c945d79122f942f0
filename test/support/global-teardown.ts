import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { REDIS_PID_FILE } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  if (!existsSync(REDIS_PID_FILE)) return;
  const pid = Number(readFileSync(REDIS_PID_FILE, 'utf8'));
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  unlinkSync(REDIS_PID_FILE);
}
