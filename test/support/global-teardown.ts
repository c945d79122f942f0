import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import { REDIS_PID_FILE } from './global-setup';

/** How long the finished run may take to wind down before the watchdog names what holds it. */
const EXIT_GRACE_MS = Number(process.env.JEST_EXIT_GRACE_MS ?? 10_000);

export default async function globalTeardown(): Promise<void> {
  stopSuiteRedis();
  watchForAHangingExit();
}

function stopSuiteRedis(): void {
  if (!existsSync(REDIS_PID_FILE)) return;
  const pid = Number(readFileSync(REDIS_PID_FILE, 'utf8'));
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  unlinkSync(REDIS_PID_FILE);
}

/**
 * On a 2-core machine jest runs every test file inside its own process (one worker means "in
 * band"), so a socket, client or child a test forgot keeps the finished run alive forever — and a
 * CI job with it. The timer is unref'd: it only ever fires when something else still holds the
 * process. It prints what that is, so the leak can be found and fixed, and exits with the run's
 * own code (jest sets it on 'exit' for a failed run): a green run stays green, a red one red.
 */
function watchForAHangingExit(): void {
  setTimeout(() => {
    const holders = describeActiveHandles();
    process.stderr.write(
      `\nThe test run finished ${EXIT_GRACE_MS / 1000} s ago but the process is still held open by: ${holders}\n` +
        'Exiting anyway; a test is leaving this behind and should close it.\n',
    );
    process.exit();
  }, EXIT_GRACE_MS).unref();
}

function describeActiveHandles(): string {
  const getHandles = (process as unknown as { _getActiveHandles?: () => unknown[] })._getActiveHandles;
  const handles = getHandles ? getHandles.call(process) : [];
  const described = handles
    .map((handle) => {
      const h = handle as {
        constructor?: { name?: string };
        remoteAddress?: string;
        remotePort?: number;
        spawnfile?: string;
        pid?: number;
        fd?: number;
        address?: () => unknown;
      };
      const kind = h.constructor?.name ?? typeof handle;
      if (h.spawnfile) return `${kind}(${h.spawnfile} pid ${h.pid})`;
      if (h.remotePort) return `${kind}(→ ${h.remoteAddress}:${h.remotePort})`;
      if (typeof h.fd === 'number' && h.fd <= 2) return undefined; // stdio
      const address = typeof h.address === 'function' ? (h.address() as { port?: number } | null) : null;
      return address?.port ? `${kind}(listening on ${address.port})` : kind;
    })
    .filter(Boolean);
  const resources = process.getActiveResourcesInfo().filter((r) => r !== 'TTYWrap');
  return `${described.join(', ') || 'no handles'}; resources: ${resources.join(', ')}`;
}
