import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type express from 'express';
import { SimulatorState, buildSimulatorApp, type UpstreamStats } from './app';
import { faultsFromEnv, type FaultSettings } from './faults';
import type { OddsShape } from './render';

export type { OddsShape } from './render';
export type { UpstreamStats } from './app';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** The clock the dataset and odds follow; tests pin it. */
  now?: () => Date;
  seed?: number;
  /** `classic` = Sept-2025 `homeTeam/tie/awayTeam` selections; `options` = the QA-era variant. */
  oddsShape?: OddsShape;
  /** Token lifetime; 0 means tokens never expire. */
  tokenTtlMs?: number;
  faults?: Partial<FaultSettings>;
}

export interface RunningSimulator {
  url: string;
  port: number;
  close(): Promise<void>;
  faults: { set(f: Partial<FaultSettings>): void; reset(): void };
  stats(): UpstreamStats;
  resetStats(): void;
  expireTokens(): void;
  /** Moves the simulator's clock ahead by `ms` (odds step every 15 minutes). */
  advanceClock(ms: number): void;
}

const DEFAULT_SEED = 20250918;

function stateFor(options: SimulatorOptions): SimulatorState {
  return new SimulatorState({
    now: options.now ?? (() => new Date()),
    seed: options.seed ?? DEFAULT_SEED,
    oddsShape: options.oddsShape ?? 'classic',
    tokenTtlMs: options.tokenTtlMs ?? 0,
    faults: options.faults ?? {},
  });
}

/** The bare express app, for embedding under another server. */
export function createSimulatorApp(options: SimulatorOptions = {}): express.Express {
  return buildSimulatorApp(stateFor(options));
}

/** Starts the simulator on its own HTTP server (127.0.0.1, ephemeral port by default). */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const state = stateFor(options);
  const app = buildSimulatorApp(state);
  const host = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port ?? 0, host, (error?: Error) => {
      if (error) reject(error);
      else resolve(listening);
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve, reject) => {
      state.faults.dispose();
      server.close((error) => (error ? reject(error) : resolve()));
      // Hung and keep-alive sockets would otherwise hold close() open forever.
      server.closeAllConnections();
    });
    return closing;
  };
  return {
    url: `http://${urlHost}:${port}`,
    port,
    close,
    faults: {
      set: (faults) => state.faults.set(faults),
      reset: () => state.faults.reset(),
    },
    stats: () => state.stats(),
    resetStats: () => state.resetStats(),
    expireTokens: () => state.tokens.expireAll(),
    advanceClock: (ms) => state.advanceClock(ms),
  };
}

/** Options for the standalone process, from SIMULATOR_* environment variables. */
export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): SimulatorOptions {
  const seed = env.SIMULATOR_SEED ? Number(env.SIMULATOR_SEED) : undefined;
  const ttl = env.SIMULATOR_TOKEN_TTL_MS ? Number(env.SIMULATOR_TOKEN_TTL_MS) : undefined;
  return {
    port: env.SIMULATOR_PORT ? Number(env.SIMULATOR_PORT) : 4010,
    host: env.SIMULATOR_HOST ?? '127.0.0.1',
    seed: Number.isFinite(seed) ? seed : undefined,
    tokenTtlMs: Number.isFinite(ttl) ? ttl : undefined,
    oddsShape: env.SIMULATOR_ODDS_SHAPE === 'options' ? 'options' : 'classic',
    faults: faultsFromEnv(env),
  };
}
