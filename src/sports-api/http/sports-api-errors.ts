import { isBrokenCircuitError } from 'cockatiel';
import {
  BetRejectedError,
  DomainError,
  InsufficientBalanceError,
  SportsApiRejectedError,
  SportsApiTimeoutError,
  SportsApiUnavailableError,
} from '../../common/errors';
import { UpstreamStatusError, UpstreamTimeoutError } from './upstream-errors';

const INSUFFICIENT_BALANCE = /insufficient|not enough|saldo insuficiente|saldo/i;

/**
 * Wire failures → the domain errors services and edges understand. Messages stay the translated
 * defaults (they reach users); the technical reason travels as `cause` for the logs.
 */
export function toSportsApiError(
  error: unknown,
  context: { placingBet?: boolean; stake?: number } = {},
): unknown {
  if (error instanceof DomainError) return error;
  if (isAbort(error)) return error;
  // Our own payout maths refusing a stake or an odd: the bet is not valid, the API is fine.
  if (error instanceof RangeError) return new BetRejectedError(error.message);
  if (isBrokenCircuitError(error)) return new SportsApiUnavailableError(undefined, { cause: error });
  if (error instanceof UpstreamTimeoutError) return new SportsApiTimeoutError(undefined, { cause: error });
  if (error instanceof UpstreamStatusError) {
    const { status, detail } = error;
    // A 401 that survived a fresh token is our credentials' problem, not the user's request.
    if (status >= 500 || status === 429 || status === 401)
      return new SportsApiUnavailableError(undefined, { cause: error });
    if (context.placingBet && status !== 404 && detail && INSUFFICIENT_BALANCE.test(detail)) {
      return new InsufficientBalanceError(context.stake === undefined ? undefined : { stake: context.stake });
    }
    return new SportsApiRejectedError(status);
  }
  return new SportsApiUnavailableError(undefined, { cause: error });
}

function isAbort(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' || error.name === 'TimeoutError') &&
    !(error instanceof DomainError)
  );
}
