/**
 * How SIGTERM spends SHUTDOWN_GRACE_MS, so that every phase ends inside it: running turns finish
 * on their own, then the rest are stopped and write their stopped final, then the connections of
 * every transport are closed (flush, close frames). The later phases get a quarter of the grace
 * each at most, and no more than they need.
 */
export interface ShutdownBudget {
  /** Running turns finish on their own within this. */
  runningTurnsMs: number;
  /** Turns still running are stopped and get this long to write their stopped final. */
  stoppedFinalsMs: number;
  /** Sockets get this long to flush and close cleanly before they are cut. */
  connectionsMs: number;
}

const STOPPED_FINALS_MAX_MS = 2000;
const CONNECTIONS_MAX_MS = 1000;

export function shutdownBudget(graceMs: number): ShutdownBudget {
  const stoppedFinalsMs = Math.min(STOPPED_FINALS_MAX_MS, Math.floor(graceMs / 4));
  const connectionsMs = Math.min(CONNECTIONS_MAX_MS, Math.floor(graceMs / 4));
  return { runningTurnsMs: graceMs - stoppedFinalsMs - connectionsMs, stoppedFinalsMs, connectionsMs };
}
