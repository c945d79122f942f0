/** The error vocabulary shared by REST, Socket.IO and the plain WebSocket (protocol.md §5). */
export const ERROR_CODES = [
  'INVALID_MESSAGE',
  'MESSAGE_TOO_LONG',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'RATE_LIMITED',
  'SESSION_BUSY',
  'SESSION_TAKEN_OVER',
  'DUPLICATE_MESSAGE',
  'NOT_FOUND',
  'SPORTS_API_UNAVAILABLE',
  'LLM_UNAVAILABLE',
  'LLM_TIMEOUT',
  'PROPOSAL_EXPIRED',
  'PROPOSAL_WITHDRAWN',
  'PRICE_CHANGED',
  'INSUFFICIENT_BALANCE',
  'BET_REJECTED',
  'SUBSCRIPTION_LIMIT',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  INVALID_MESSAGE: 400,
  MESSAGE_TOO_LONG: 413,
  UNAUTHORIZED: 401,
  // A valid user token whose payload speaks for another user (protocol §2).
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  SESSION_BUSY: 409,
  SESSION_TAKEN_OVER: 409,
  DUPLICATE_MESSAGE: 409,
  NOT_FOUND: 404,
  SPORTS_API_UNAVAILABLE: 503,
  LLM_UNAVAILABLE: 503,
  LLM_TIMEOUT: 504,
  PROPOSAL_EXPIRED: 410,
  // The slip was changed or cancelled in chat: the request conflicts with the conversation's state.
  PROPOSAL_WITHDRAWN: 409,
  // The price moved since the proposal; `details.proposal` holds a new one at the new price.
  PRICE_CHANGED: 409,
  INSUFFICIENT_BALANCE: 402,
  BET_REJECTED: 422,
  // Live updates: a connection or user follows as many fixtures as it may (sockets only).
  SUBSCRIPTION_LIMIT: 429,
  INTERNAL_ERROR: 500,
};

/** For errors raised by the framework (404 route, 413 body, 429 throttler) rather than by our code. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
    case 422:
      return 'INVALID_MESSAGE';
    case 401:
    case 403:
      return 'UNAUTHORIZED';
    case 404:
    case 405:
      return 'NOT_FOUND';
    case 409:
      return 'SESSION_BUSY';
    case 413:
      return 'MESSAGE_TOO_LONG';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'SPORTS_API_UNAVAILABLE';
    default:
      return 'INTERNAL_ERROR';
  }
}
