import type { IncomingHttpHeaders } from 'node:http';
import { createParser, type EventSourceParser } from 'eventsource-parser';
import { type Dispatcher, errors } from 'undici';

/** How many parsed events may wait for the reader before the response is paused. */
const HIGH_WATER_EVENTS = 64;

/** What an SSE response failed with, by where it failed: the caller words the error for its API. */
export type SseFailure =
  | { kind: 'request'; error: Error }
  | { kind: 'json'; data: string }
  | { kind: 'read'; error: Error };

export class SseFailed extends Error {
  constructor(readonly failure: SseFailure) {
    super(failure.kind === 'json' ? 'SSE event is not JSON' : failure.error.message);
  }
}

/**
 * One HTTP response read as server-sent events of JSON, as an undici dispatch handler: each body
 * chunk is decoded and parsed where undici hands it over, and the reader takes every event parsed
 * since it last asked in one batch. A Readable body and its async iterator cost several promise
 * hops and events per chunk, and a streamed answer is one chunk per token (bench/RESULTS.md).
 * The response pauses while too many events wait, and a stop (the signal, or `close()`) aborts
 * the request rather than draining it. A status other than 2xx keeps the body as text instead.
 */
export class SseResponse implements Dispatcher.DispatchHandler {
  /** The status and headers, once they arrive; rejects when the request fails before them. */
  readonly head: Promise<{ statusCode: number; headers: IncomingHttpHeaders }>;
  private resolveHead!: (head: { statusCode: number; headers: IncomingHttpHeaders }) => void;
  private rejectHead!: (error: SseFailed) => void;
  private controller?: Dispatcher.DispatchController;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private readonly parser: EventSourceParser;
  private events: unknown[] = [];
  private errorText?: string;
  private failure?: SseFailed;
  private started = false;
  private ended = false;
  private wake?: () => void;
  private readonly onAbort = () => this.abort(new errors.RequestAbortedError());

  constructor(private readonly signal?: AbortSignal) {
    this.head = new Promise((resolve, reject) => {
      this.resolveHead = resolve;
      this.rejectHead = reject;
    });
    // The reader may give up on a failed request before anyone awaits the head.
    this.head.catch(() => undefined);
    this.parser = createParser({
      onEvent: (event) => {
        if (this.failure) return;
        try {
          this.events.push(JSON.parse(event.data));
        } catch {
          this.fail({ kind: 'json', data: event.data });
        }
      },
    });
    signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.signal?.aborted) this.abort(new errors.RequestAbortedError());
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.started = true;
    if (statusCode < 200 || statusCode >= 300) this.errorText = '';
    this.resolveHead({ statusCode, headers });
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.errorText !== undefined) {
      this.errorText += chunk.toString('utf8');
      return;
    }
    try {
      this.parser.feed(this.decoder.decode(chunk, { stream: true }));
    } catch (error) {
      this.fail({ kind: 'read', error: error as Error });
      return;
    }
    if (this.events.length >= HIGH_WATER_EVENTS) this.controller?.pause();
    this.notify();
  }

  onResponseEnd(): void {
    if (this.errorText === undefined && !this.failure) {
      try {
        // Ending the last line and event makes a cut-off event parse too, so a truncated
        // answer fails loudly instead of ending early; after a complete event this adds nothing.
        this.parser.feed(`${this.decoder.decode()}\n\n`);
      } catch (error) {
        this.fail({ kind: 'read', error: error as Error });
      }
    }
    this.ended = true;
    this.settle();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.failure ??= new SseFailed(this.started ? { kind: 'read', error } : { kind: 'request', error });
    this.rejectHead(this.failure);
    this.ended = true;
    this.settle();
  }

  /** The events parsed since the last call, waiting for some; undefined once the body ended. */
  async take(): Promise<unknown[] | undefined> {
    while (this.events.length === 0 && !this.failure && !this.ended) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    if (this.failure) throw this.failure;
    if (this.events.length === 0) return undefined;
    const batch = this.events;
    this.events = [];
    if (this.controller?.paused) this.controller.resume();
    return batch;
  }

  /** The body of a response whose status was not 2xx, once it ended. */
  async text(): Promise<string> {
    while (!this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.errorText ?? '';
  }

  /** Stops reading: the request is aborted unless the body already ended. */
  close(): void {
    if (!this.ended) this.abort(new errors.RequestAbortedError());
    this.settle();
  }

  private abort(error: Error): void {
    this.controller?.abort(error);
  }

  private fail(failure: SseFailure): void {
    this.failure ??= new SseFailed(failure);
    this.abort(this.failure);
  }

  private settle(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
