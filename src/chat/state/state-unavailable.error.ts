import { DomainError } from '../../common/errors';

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

/** Runs a Redis operation, turning connection failures into StateUnavailableError. */
export async function requireState<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new StateUnavailableError(error);
  }
}
