import { RateLimitedError } from '../common/errors';

const WINDOW_MS = 60_000;

/** Per-connection sliding one-minute window for user messages (SOCKET_MESSAGES_PER_MINUTE). */
export class MessageRateLimiter {
  private readonly sentAt: number[] = [];

  constructor(private readonly perMinute: number) {}

  /** Counts one message, or throws RateLimitedError (the connection stays open). */
  take(now = Date.now()): void {
    while (this.sentAt.length > 0 && this.sentAt[0] <= now - WINDOW_MS) this.sentAt.shift();
    if (this.sentAt.length >= this.perMinute) {
      throw new RateLimitedError(Math.max(1, Math.ceil((this.sentAt[0] + WINDOW_MS - now) / 1000)));
    }
    this.sentAt.push(now);
  }
}
