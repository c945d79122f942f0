/**
 * Everything the HTTP client needs to know, in one value. The module builds it from config;
 * tests and the benchmark build it directly (short delays, small timeouts).
 */
export class SportsApiClientOptions {
  /** Base URL of the ChatBet API, with or without a trailing slash. */
  baseUrl = 'http://127.0.0.1:4010';
  userKey = '1';
  /** Limit for one upstream attempt (SPORTS_API_TIMEOUT_MS). */
  timeoutMs = 5000;
  /** Total tries of an idempotent GET, the first included (SPORTS_API_ATTEMPTS). */
  attempts = 3;
  /** First retry delay (SPORTS_API_RETRY_DELAY_MS); later ones grow exponentially, with decorrelated jitter. */
  retryInitialDelayMs = 100;
  retryMaxDelayMs = 2000;
  /** Consecutive failed attempts that open the circuit (SPORTS_API_BREAKER_THRESHOLD). */
  breakerThreshold = 5;
  /** How long the circuit stays open before one trial call is let through (SPORTS_API_BREAKER_HALF_OPEN_MS). */
  halfOpenAfterMs = 30_000;
  /** Sent on /place-bet as the original clients do (CONTRACT §6.1). */
  countryCode = 'US';
  /** Bets are recorded with this source tag. */
  betSource = 'chatbet';

  constructor(values: Partial<SportsApiClientOptions> = {}) {
    Object.assign(this, values);
  }
}
