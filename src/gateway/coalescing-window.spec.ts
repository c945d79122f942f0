import { MetricsService } from '../metrics/metrics.service';
import {
  COALESCE_MAX_WINDOW_MS,
  COALESCE_MIN_WINDOW_MS,
  CoalescingWindow,
  CoalescingWindowPolicy,
  LAG_FREE_MS,
  NARROW_STEP_MS,
  type LagSource,
} from './coalescing-window';

describe('CoalescingWindowPolicy', () => {
  it('stays at the idle window while the loop keeps up', () => {
    const policy = new CoalescingWindowPolicy();
    for (const lag of [0, 1, LAG_FREE_MS, -2, Number.NaN]) expect(policy.observe(lag)).toBe(COALESCE_MIN_WINDOW_MS);
  });

  it('widens at once by the lag beyond the jitter allowance, up to the bound', () => {
    const policy = new CoalescingWindowPolicy();
    expect(policy.observe(LAG_FREE_MS + 10)).toBe(COALESCE_MIN_WINDOW_MS + 10);
    expect(policy.observe(LAG_FREE_MS + 20)).toBe(COALESCE_MIN_WINDOW_MS + 20);
    expect(policy.observe(500)).toBe(COALESCE_MAX_WINDOW_MS);
  });

  it('narrows a step per reading once the loop recovers, back to the idle window', () => {
    const policy = new CoalescingWindowPolicy();
    policy.observe(1000);
    const widths: number[] = [];
    for (let i = 0; i < 10; i++) widths.push(policy.observe(0));
    expect(widths[0]).toBe(COALESCE_MAX_WINDOW_MS - NARROW_STEP_MS);
    for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeLessThanOrEqual(widths[i - 1]);
    expect(widths.at(-1)).toBe(COALESCE_MIN_WINDOW_MS);
    expect(policy.current).toBe(COALESCE_MIN_WINDOW_MS);
  });

  it('keeps the window in whole ms when the measured lag is fractional', () => {
    const policy = new CoalescingWindowPolicy();
    expect(policy.observe(LAG_FREE_MS + 3.27)).toBe(COALESCE_MIN_WINDOW_MS + 3);
    expect(policy.observe(LAG_FREE_MS + 9.6)).toBe(COALESCE_MIN_WINDOW_MS + 10);
    expect(Number.isInteger(policy.observe(LAG_FREE_MS + 0.5))).toBe(true);
  });

  it('narrows only as far as the lag still asks for', () => {
    const policy = new CoalescingWindowPolicy();
    policy.observe(1000);
    const moderate = LAG_FREE_MS + 25;
    for (let i = 0; i < 10; i++) policy.observe(moderate);
    expect(policy.current).toBe(COALESCE_MIN_WINDOW_MS + 25);
  });
});

describe('CoalescingWindow', () => {
  it('follows its lag source and shows the window in the metrics', async () => {
    const metrics = new MetricsService();
    const window = new CoalescingWindow(metrics);
    const readings = [0, 30, 200, 0];
    let closed = false;
    const source: LagSource = { read: () => readings.shift() ?? 0, close: () => (closed = true) };
    // A long interval: the readings below are taken by hand.
    window.start(source, 3_600_000);
    expect(window.current).toBe(COALESCE_MIN_WINDOW_MS);
    expect(window.update()).toBe(COALESCE_MIN_WINDOW_MS);
    expect(window.update()).toBe(COALESCE_MIN_WINDOW_MS + 30 - LAG_FREE_MS);
    expect(window.update()).toBe(COALESCE_MAX_WINDOW_MS);
    expect(await metrics.registry.getSingleMetricAsString('chatbet_coalescing_window_ms')).toMatch(
      new RegExp(`^chatbet_coalescing_window_ms ${COALESCE_MAX_WINDOW_MS}$`, 'm'),
    );
    expect(window.update()).toBe(COALESCE_MAX_WINDOW_MS - NARROW_STEP_MS);
    expect(window.current).toBe(COALESCE_MAX_WINDOW_MS - NARROW_STEP_MS);
    window.onModuleDestroy();
    expect(closed).toBe(true);
    // Stopped: no source, the window stays where it was.
    expect(window.update()).toBe(COALESCE_MAX_WINDOW_MS - NARROW_STEP_MS);
  });

  it('reads the real event loop when the module starts, and stops with it', () => {
    const window = new CoalescingWindow(new MetricsService());
    window.onModuleInit();
    // Read in the same tick: the histogram has no sample yet, which reads as no lag.
    expect(window.update()).toBe(COALESCE_MIN_WINDOW_MS);
    window.onModuleDestroy();
  });
});
