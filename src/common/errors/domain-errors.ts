import { type ErrorCode, HTTP_STATUS_BY_CODE } from './error-codes';
import { errorMessage, type Language } from './error-messages';

/**
 * A failure our own code knows how to name. Services throw these; only the edges (HTTP filter,
 * socket wrappers) turn them into status codes and wire bodies.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message ?? errorMessage(code), options);
    this.name = new.target.name;
  }

  get httpStatus(): number {
    return HTTP_STATUS_BY_CODE[this.code];
  }

  /** The sentence a user sees: our own message when one was given, else the translated default. */
  userMessage(language: Language = 'en'): string {
    return this.message && this.message !== errorMessage(this.code) ? this.message : errorMessage(this.code, language);
  }
}

export class InvalidMessageError extends DomainError {
  constructor(message?: string, details?: Record<string, unknown>) {
    super('INVALID_MESSAGE', message, details);
  }
}
export class MessageTooLongError extends DomainError {
  constructor(limit: number) {
    super('MESSAGE_TOO_LONG', undefined, { max_length: limit });
  }
}
export class UnauthorizedError extends DomainError {
  constructor() {
    super('UNAUTHORIZED');
  }
}
/** A valid user token, but the request names another user (protocol §2). */
export class ForbiddenError extends DomainError {
  constructor(message?: string) {
    super('FORBIDDEN', message);
  }
}
export class RateLimitedError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', undefined, { retry_after_s: retryAfterSeconds });
  }
}
/** Live updates: `scope` says which limit (one connection, or all of a user's) was reached. */
export class SubscriptionLimitError extends DomainError {
  constructor(scope: 'connection' | 'user', max: number, requested: number) {
    super('SUBSCRIPTION_LIMIT', undefined, { scope, max, requested });
  }
}
export class NotFoundError extends DomainError {
  constructor(what?: string) {
    super('NOT_FOUND', what ? `${what} not found.` : undefined);
  }
}
export class SessionBusyError extends DomainError {
  constructor() {
    super('SESSION_BUSY');
  }
}
export class DuplicateMessageError extends DomainError {
  constructor() {
    super('DUPLICATE_MESSAGE');
  }
}
export class SportsApiUnavailableError extends DomainError {
  constructor(message?: string, options?: { cause?: unknown }) {
    super('SPORTS_API_UNAVAILABLE', message, undefined, options);
  }
}
/** The sports API did not answer within its time limit; same wire code as unavailable. */
export class SportsApiTimeoutError extends SportsApiUnavailableError {}
/** The sports API answered, but refused the request (4xx other than auth). */
export class SportsApiRejectedError extends DomainError {
  constructor(
    readonly status: number,
    message?: string,
  ) {
    super('BET_REJECTED', message, { upstream_status: status });
  }
}
/**
 * The model cannot answer now. When it is known how long until it can (the provider's quota said,
 * or the process-wide request limiter), the error carries it like RATE_LIMITED does:
 * `details.retry_after_s`, and `Retry-After` on REST.
 */
export class LlmUnavailableError extends DomainError {
  readonly retryAfterSeconds?: number;

  constructor(message?: string, options?: { cause?: unknown; retryAfterMs?: number }) {
    const retryAfterSeconds = options?.retryAfterMs !== undefined ? Math.max(1, Math.ceil(options.retryAfterMs / 1000)) : undefined;
    super('LLM_UNAVAILABLE', message, retryAfterSeconds !== undefined ? { retry_after_s: retryAfterSeconds } : undefined, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
export class LlmTimeoutError extends DomainError {
  constructor(message?: string) {
    super('LLM_TIMEOUT', message);
  }
}
export class ProposalExpiredError extends DomainError {
  constructor() {
    super('PROPOSAL_EXPIRED');
  }
}
export class ProposalWithdrawnError extends DomainError {
  constructor(details?: Record<string, unknown>) {
    super('PROPOSAL_WITHDRAWN', undefined, details);
  }
}
/** Refused at confirm: a selection's price moved; `details.proposal` is the new slip to confirm instead. */
export class PriceChangedError extends DomainError {
  constructor(details: Record<string, unknown>) {
    super('PRICE_CHANGED', undefined, details);
  }
}
export class InsufficientBalanceError extends DomainError {
  constructor(details?: Record<string, unknown>) {
    super('INSUFFICIENT_BALANCE', undefined, details);
  }
}
export class BetRejectedError extends DomainError {
  constructor(message?: string) {
    super('BET_REJECTED', message);
  }
}
