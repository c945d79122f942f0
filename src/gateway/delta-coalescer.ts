/** A frame is sent once this many characters are pending… */
export const COALESCE_MAX_CHARS = 48;
/** …or this long after its first pending delta, whichever comes first. */
export const COALESCE_MAX_DELAY_MS = 16;

/**
 * Joins model deltas into fewer frames: token-sized frames cost more in framing and client
 * renders than they add in smoothness, while 16 ms (one display frame) keeps the stream live.
 * The first delta of a turn goes out at once: holding it would add up to 16 ms to the time to
 * first text, the latency users notice most (bench/RESULTS.md).
 */
export class DeltaCoalescer {
  private pending = '';
  private timer: NodeJS.Timeout | undefined;
  private sentAny = false;

  constructor(private readonly emit: (text: string) => void) {}

  push(text: string): void {
    this.pending += text;
    if (!this.sentAny || this.pending.length >= COALESCE_MAX_CHARS) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), COALESCE_MAX_DELAY_MS);
  }

  /** Sends whatever is pending; called before any other event so frames keep their order. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.sentAny = true;
    this.emit(text);
  }
}
