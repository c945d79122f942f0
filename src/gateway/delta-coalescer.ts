/** A frame is sent once this many characters are pending (a long delta is cut after the word that reaches it)… */
export const COALESCE_MAX_CHARS = 48;
/** …or this long after its first pending delta, whichever comes first. */
export const COALESCE_MAX_DELAY_MS = 16;

/**
 * Turns model deltas into frames of about COALESCE_MAX_CHARS: token-sized frames cost more in
 * framing and client renders than they add in smoothness, while 16 ms (one display frame) keeps
 * the stream live; a long delta (an engine that writes a whole answer at once, a provider's
 * sentence-sized chunk) is cut at word boundaries, so an answer still arrives in several frames.
 * The first frame of a turn goes out at once: holding it would add up to 16 ms to the time to
 * first text, the latency users notice most (bench/RESULTS.md).
 */
export class DeltaCoalescer {
  private pending = '';
  /** One timer per turn: a model that streams slower than the window fires it once per frame. */
  private timer: NodeJS.Timeout | undefined;
  private armed = false;
  private sentAny = false;

  constructor(private readonly emit: (text: string) => void) {}

  push(text: string): void {
    this.pending += text;
    while (this.pending.length >= COALESCE_MAX_CHARS || (!this.sentAny && this.pending)) {
      const end = frameEnd(this.pending);
      this.send(this.pending.slice(0, end));
      this.pending = this.pending.slice(end);
    }
    if (!this.pending) this.disarm();
    else if (!this.armed) this.arm();
  }

  /** Sends whatever is pending; called before any other event so frames keep their order. */
  flush(): void {
    this.disarm();
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
    // A timer that has fired can be started again as it is; a cleared one cannot.
    if (this.timer) this.timer.refresh();
    else
      this.timer = setTimeout(() => {
        this.armed = false;
        this.flush();
      }, COALESCE_MAX_DELAY_MS);
  }

  private disarm(): void {
    if (!this.armed) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.armed = false;
  }
}

/**
 * Where the frame that starts `text` ends: at the end of the word that reaches
 * COALESCE_MAX_CHARS (the following space goes with the next word, as a model streams it), or
 * at the end of the text.
 */
function frameEnd(text: string): number {
  let end = COALESCE_MAX_CHARS;
  while (end < text.length && !isSpace(text.charCodeAt(end))) end++;
  return Math.min(end, text.length);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13;
}
