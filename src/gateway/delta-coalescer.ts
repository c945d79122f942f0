import { COALESCE_MIN_WINDOW_MS } from './coalescing-window';

/**
 * Pending text leaves as a frame once it reaches this many characters; a delta this long is text
 * that exists at once (see DeltaCoalescer)…
 */
export const COALESCE_MAX_CHARS = 48;

/** …or once the window has passed since its first pending delta (CoalescingWindow, 16–50 ms). */
export interface WindowSource {
  readonly current: number;
}

const IDLE_WINDOW: WindowSource = { current: COALESCE_MIN_WINDOW_MS };

/**
 * Turns deltas into frames that carry meaning. A long delta is text that exists at once — an
 * engine's whole answer, a sentence the grounding guard checked or corrected, a provider's
 * sentence-sized chunk — and leaves whole, with whatever else is written before the event loop
 * moves on (the guard releases a figure it held at the end of an answer a few promise hops after
 * the rest), so an offline answer is one frame: cutting it would only add packets that reach the
 * page in one paint. Text that arrives over time (a model streaming tokens) is joined until
 * COALESCE_MAX_CHARS are pending or the window has passed, since token-sized frames cost more in
 * framing and client renders than they add in smoothness; the first token of a turn goes out at
 * once, as holding it would add the window to the time to first text, the latency users notice most.
 */
export class DeltaCoalescer {
  private pending = '';
  /** One timer per turn: a model that streams slower than the window fires it once per frame. */
  private timer: NodeJS.Timeout | undefined;
  /** The window the timer was made with; refresh() keeps it, a different one needs a new timer. */
  private timerMs = 0;
  private armed = false;
  private sentAny = false;
  /** Set while text that exists at once waits for the end of this turn of the event loop. */
  private soon: NodeJS.Immediate | undefined;

  constructor(
    private readonly emit: (text: string) => void,
    private readonly window: WindowSource = IDLE_WINDOW,
  ) {}

  push(text: string): void {
    if (!text) return;
    this.pending += text;
    if (this.soon) return;
    if (text.length >= COALESCE_MAX_CHARS) {
      this.disarm();
      this.soon = setImmediate(() => {
        this.soon = undefined;
        this.flush();
      });
    } else if (!this.sentAny || this.pending.length >= COALESCE_MAX_CHARS) this.flush();
    else if (!this.armed) this.arm();
  }

  /** Sends whatever is pending; called before any other event so frames keep their order. */
  flush(): void {
    this.disarm();
    if (this.soon) {
      clearImmediate(this.soon);
      this.soon = undefined;
    }
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.send(text);
  }

  private send(text: string): void {
    this.sentAny = true;
    this.emit(text);
  }

  private arm(): void {
    this.armed = true;
    const ms = this.window.current;
    // A timer that has fired can be started again as it is; a cleared one cannot.
    if (this.timer && this.timerMs === ms) {
      this.timer.refresh();
      return;
    }
    clearTimeout(this.timer);
    this.timerMs = ms;
    this.timer = setTimeout(() => {
      this.armed = false;
      this.flush();
    }, ms);
  }

  private disarm(): void {
    if (!this.armed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armed = false;
  }
}
