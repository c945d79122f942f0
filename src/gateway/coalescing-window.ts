import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { MetricsService } from '../metrics/metrics.service';

/** The coalescing window on an idle loop: one display frame, so a stream stays live. */
export const COALESCE_MIN_WINDOW_MS = 16;
/** The widest it gets under load: three display frames still read as a stream. */
export const COALESCE_MAX_WINDOW_MS = 50;
/** Lag below this is the loop's ordinary jitter and leaves the window alone. */
export const LAG_FREE_MS = 4;
/** How much the window may narrow per reading: a loop that recovers for one reading may lag again the next. */
export const NARROW_STEP_MS = 6;
/** How often the lag is read. */
export const LAG_READ_INTERVAL_MS = 250;

/**
 * How wide the coalescing window should be for the event loop's lag: with the loop behind, each
 * frame's write waits its turn anyway, so fewer, larger frames cost the reader nothing and take
 * work off the loop that is late. It widens at once to what the lag asks for (bounded) and narrows
 * a step per reading, so a loop that recovers briefly does not flap between widths.
 */
export class CoalescingWindowPolicy {
  private window = COALESCE_MIN_WINDOW_MS;

  get current(): number {
    return this.window;
  }

  /**
   * One reading of the loop's lag (ms beyond its timer's own interval); returns the new window, in
   * whole ms: timers fire at ms granularity, and the measured mean is fractional.
   */
  observe(lagMs: number): number {
    const excess = Number.isFinite(lagMs) ? Math.round(Math.max(0, lagMs - LAG_FREE_MS)) : 0;
    const wanted = Math.min(COALESCE_MAX_WINDOW_MS, COALESCE_MIN_WINDOW_MS + excess);
    this.window = wanted >= this.window ? wanted : Math.max(wanted, this.window - NARROW_STEP_MS);
    return this.window;
  }
}

/** Where the lag comes from: the mean event-loop delay since the previous read, in ms. */
export interface LagSource {
  read(): number;
  close(): void;
}

const LAG_RESOLUTION_MS = 10;

/** perf_hooks' event-loop delay histogram (sampled natively, no JS timer per sample). */
export function eventLoopLag(): LagSource {
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
  histogram.enable();
  return {
    read: () => {
      // The histogram counts the timer's own interval too; an idle loop reads about the resolution.
      const lag = histogram.count > 0 ? histogram.mean / 1e6 - LAG_RESOLUTION_MS : 0;
      histogram.reset();
      return lag;
    },
    close: () => histogram.disable(),
  };
}

/**
 * This process's coalescing window, which every streaming turn reads when it arms its timer: the
 * policy above fed by the event loop's lag, and shown in /metrics as chatbet_coalescing_window_ms.
 */
@Injectable()
export class CoalescingWindow implements OnModuleInit, OnModuleDestroy {
  private readonly policy = new CoalescingWindowPolicy();
  private source?: LagSource;
  private timer?: NodeJS.Timeout;

  constructor(private readonly metrics: MetricsService) {}

  /** The window in ms for a frame armed now. */
  get current(): number {
    return this.policy.current;
  }

  onModuleInit(): void {
    this.metrics.coalescingWindow.set(this.policy.current);
    this.start(eventLoopLag(), LAG_READ_INTERVAL_MS);
  }

  onModuleDestroy(): void {
    this.stop();
  }

  /** Reads `source` every `intervalMs` (the timer does not keep the process alive). */
  start(source: LagSource, intervalMs: number): void {
    this.stop();
    this.source = source;
    this.timer = setInterval(() => this.update(), intervalMs);
    this.timer.unref();
  }

  /** Takes one reading now; the interval calls it, a test may too. */
  update(): number {
    if (!this.source) return this.policy.current;
    const window = this.policy.observe(this.source.read());
    this.metrics.coalescingWindow.set(window);
    return window;
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.source?.close();
    this.source = undefined;
  }
}
