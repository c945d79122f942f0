import { DomainError } from '../../common/errors';
import { withTimeout } from '../../common/timeout';

/** REDIS_COMMAND_TIMEOUT_MS's default, for stores built without the config (tests). */
export const DEFAULT_STATE_TIMEOUT_MS = 1000;

/**
 * Conversation state lives in Redis when it is configured; without it a turn cannot be admitted
 * safely (dedup, locks, history), so the turn fails at once instead of hanging. protocol.md keeps
 * 500 for bugs and answers "dependency down, no fallback" with 503; of its codes,
 * LLM_UNAVAILABLE ("the assistant is unavailable right now, try again in a moment") is the one
 * that says so to the user and tells clients to retry. The cause stays in the log and readiness
 * reports the store down.
 */
export class StateUnavailableError extends DomainError {
  constructor(cause: unknown) {
    super('LLM_UNAVAILABLE', undefined, undefined, { cause });
  }
}

/**
 * Runs a Redis operation, bounded by `timeoutMs` (REDIS_COMMAND_TIMEOUT_MS): a hung Redis keeps the
 * connection open and never answers, and node-redis's own command timeout stops at the write. A
 * connection failure or the bound becomes StateUnavailableError (503).
 */
export async function requireState<T>(timeoutMs: number, operation: () => Promise<T>): Promise<T> {
  try {
    return await withTimeout(operation(), timeoutMs, 'redis state operation');
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new StateUnavailableError(error);
  }
}
