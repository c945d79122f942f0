import type { NextFunction, Request, Response } from 'express';

/** What the simulator does wrong on purpose, so the client's resilience can be tested for real. */
export interface FaultSettings {
  /** Added delay before each answer. */
  latencyMs: number;
  /** Share of requests (0..1) answered with `status` instead of data. */
  errorRate: number;
  /** Status used for injected errors. */
  status: number;
  /** Never answer: the client has to time out. */
  hang: boolean;
  /** Refuse: the socket is destroyed at once (connection reset). */
  down: boolean;
  /** Limit the faults to these paths (e.g. "/sports/odds"); empty means every endpoint. */
  paths: string[];
}

export const NO_FAULTS: FaultSettings = {
  latencyMs: 0,
  errorRate: 0,
  status: 503,
  hang: false,
  down: false,
  paths: [],
};

function numberFromEnv(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function flagFromEnv(value: string | undefined): boolean | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  return ['1', 'true', 'yes', 'on'].includes(value.trim().toLowerCase());
}

/** Reads SIMULATOR_LATENCY_MS, SIMULATOR_ERROR_RATE, SIMULATOR_ERROR_STATUS, SIMULATOR_HANG, SIMULATOR_DOWN. */
export function faultsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<FaultSettings> {
  const faults: Partial<FaultSettings> = {};
  const latencyMs = numberFromEnv(env.SIMULATOR_LATENCY_MS);
  const errorRate = numberFromEnv(env.SIMULATOR_ERROR_RATE);
  const status = numberFromEnv(env.SIMULATOR_ERROR_STATUS);
  const hang = flagFromEnv(env.SIMULATOR_HANG);
  const down = flagFromEnv(env.SIMULATOR_DOWN);
  if (latencyMs !== undefined) faults.latencyMs = latencyMs;
  if (errorRate !== undefined) faults.errorRate = errorRate;
  if (status !== undefined) faults.status = status;
  if (hang !== undefined) faults.hang = hang;
  if (down !== undefined) faults.down = down;
  return faults;
}

/** Keeps only the known keys with the right types; used for the admin route's JSON body. */
export function sanitizeFaults(input: unknown): Partial<FaultSettings> {
  if (typeof input !== 'object' || input === null) return {};
  const raw = input as Record<string, unknown>;
  const faults: Partial<FaultSettings> = {};
  if (typeof raw.latencyMs === 'number' && raw.latencyMs >= 0) faults.latencyMs = raw.latencyMs;
  if (typeof raw.errorRate === 'number') faults.errorRate = Math.min(1, Math.max(0, raw.errorRate));
  if (typeof raw.status === 'number' && raw.status >= 400 && raw.status <= 599) faults.status = raw.status;
  if (typeof raw.hang === 'boolean') faults.hang = raw.hang;
  if (typeof raw.down === 'boolean') faults.down = raw.down;
  if (Array.isArray(raw.paths)) faults.paths = raw.paths.filter((p): p is string => typeof p === 'string');
  return faults;
}

/**
 * Owns the current fault settings and applies them as express middleware. Error draws come from a
 * seeded generator so a given error rate behaves the same on every run.
 */
export class FaultInjector {
  private settings: FaultSettings;
  private draws = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly initial: Partial<FaultSettings>,
    private readonly seed: number,
  ) {
    this.settings = { ...NO_FAULTS, ...initial };
  }

  current(): FaultSettings {
    return { ...this.settings, paths: [...this.settings.paths] };
  }

  set(faults: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...faults };
  }

  /** Back to no faults at all (not to the start-up settings: tests want a clean slate). */
  reset(): void {
    this.settings = { ...NO_FAULTS };
    this.draws = 0;
  }

  /** Drops pending latency timers when the server closes. */
  dispose(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  private applies(path: string): boolean {
    return this.settings.paths.length === 0 || this.settings.paths.includes(path);
  }

  private nextDraw(): number {
    this.draws += 1;
    // mulberry32 step on seed + counter: cheap, uniform enough for a rate.
    let t = (this.seed + this.draws * 0x6d2b79f5) >>> 0;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  middleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      if (!this.applies(req.path)) {
        next();
        return;
      }
      const { down, hang, latencyMs, errorRate, status } = this.settings;
      if (down) {
        req.socket.destroy();
        return;
      }
      if (hang) {
        // Deliberately never answer; the server's close() tears these sockets down.
        return;
      }
      const fail = errorRate > 0 && this.nextDraw() < errorRate;
      const respond = (): void => {
        if (res.headersSent || req.socket.destroyed) return;
        if (fail) {
          res.status(status).json({ detail: `Simulated upstream failure (${status})` });
          return;
        }
        next();
      };
      if (latencyMs > 0) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          respond();
        }, latencyMs);
        this.timers.add(timer);
      } else respond();
    };
  }
}
