import { DomainError } from '../../common/errors';

/**
 * Conversation state lives in Redis when it is configured; without it a turn cannot be admitted
 * safely (dedup, locks, history), so the turn fails with a clear sentence instead of hanging. The
 * protocol has no dedicated code for it, hence INTERNAL_ERROR with our own message.
 */
export class StateUnavailableError extends DomainError {
  constructor(cause: unknown) {
    super(
      'INTERNAL_ERROR',
      'Conversation storage is unavailable right now. Please try again in a moment.',
      undefined,
      { cause },
    );
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
