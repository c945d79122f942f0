/**
 * Child-process entry for the benchmarks: boots one server (`BENCH_SERVER_KIND`) and reports its
 * URL to the parent over IPC, so the load client and the server do not share one event loop.
 *
 *   floor    bare Socket.IO server (floor-server.ts): ack + one final
 *   floor-streamed  the same, answering with the frames of a streamed answer
 *   offline  the real app on the deterministic offline engine
 *   paced    the real app with PacedChatModel as the chat model
 *   gemini   the real app with the real Gemini adapter (LLM_PROVIDER=gemini, GEMINI_BASE_URL set by the parent)
 *
 * The parent may ask `{ type: 'stats' }` and gets model-call counts and the server's CPU time.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { startFloorServer } from './floor-server';
import type { CoalescingWindow } from '../../src/gateway/coalescing-window';
import { PacedChatModel } from './paced-chat-model';
import { summarize } from './stats';

export type ServerKind = 'floor' | 'floor-streamed' | 'offline' | 'paced' | 'gemini';

export interface ServerStats {
  modelCalls: number;
  /** The paced fake's own wall time per answer (it runs in the server process, so event-loop lag shows here too). */
  modelOwnMs?: ReturnType<typeof summarize>;
  cpuMs: number;
  /** Event-loop time since boot (perf_hooks): busy share over a run = Δactive ÷ (Δactive + Δidle). */
  loop: { activeMs: number; idleMs: number };
  /** The widest delta coalescing window since the previous call (CoalescingWindow); absent for the floors. */
  widestWindowMs?: number;
}

/** Env the bench app runs with: the test defaults of test/support/app.ts, never throttled. */
export const BENCH_APP_ENV: Record<string, string> = {
  ENVIRONMENT: 'test',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'silent',
  RATE_LIMIT_PER_MINUTE: '10000000',
  SOCKET_MESSAGES_PER_MINUTE: '10000000',
  SOCKET_CONNECTIONS_PER_MINUTE: '10000000',
};

let modelCalls = 0;
let paced: PacedChatModel | undefined;
let widestWindowMs: number | undefined;

type ModelFactory = (...args: unknown[]) => BaseChatModel;
let originalFactory: ModelFactory | undefined;

/**
 * Swaps the model LlmModule builds: it calls `createChatModel` through the module's exports, so
 * replacing the export before AppModule loads changes the model and nothing else of the boot.
 * The parent checks the call count, so a refactor that bypasses this fails loudly.
 */
function instrumentChatModel(kind: ServerKind): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require('../../src/llm/model/chat-model.factory') as { createChatModel: ModelFactory };
  const original = (originalFactory ??= factory.createChatModel);
  factory.createChatModel = (...args: unknown[]) => {
    const model = kind === 'paced' ? (paced = new PacedChatModel()) : original(...args);
    const stream = model._streamResponseChunks.bind(model);
    model._streamResponseChunks = (...streamArgs) => {
      modelCalls++;
      return stream(...streamArgs);
    };
    return model;
  };
}

/** The app's adaptive window; undefined in trees from before it (this bench run against them for an A/B). */
function coalescingWindowOf(app: { get(token: unknown): unknown }): CoalescingWindow | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { CoalescingWindow: token } = require('../../src/gateway/coalescing-window') as typeof import('../../src/gateway/coalescing-window');
    return app.get(token) as CoalescingWindow;
  } catch {
    return undefined;
  }
}

let windowSource: CoalescingWindow | undefined;

/** Notes the widest coalescing window between two stats calls (it narrows again once a run ends). */
function watchWindow(window: CoalescingWindow): void {
  windowSource = window;
  widestWindowMs = window.current;
  setInterval(() => (widestWindowMs = Math.max(widestWindowMs ?? 0, window.current)), 50).unref();
}

function takeWidestWindow(): number {
  const widest = widestWindowMs ?? 0;
  widestWindowMs = windowSource?.current;
  return widest;
}

export function serverStats(cpuAtStart: NodeJS.CpuUsage): ServerStats {
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    modelCalls,
    // The fake's own answer times since the previous call: one figure per measured run.
    ...(paced ? { modelOwnMs: summarize(paced.ownMs.splice(0)) } : {}),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    loop: (({ active, idle }) => ({ activeMs: active, idleMs: idle }))(performance.eventLoopUtilization()),
    ...(widestWindowMs !== undefined ? { widestWindowMs: takeWidestWindow() } : {}),
  };
}

export async function bootBenchServer(kind: ServerKind): Promise<{ url: string; close(): Promise<void> }> {
  if (kind === 'floor') return startFloorServer('one');
  if (kind === 'floor-streamed') return startFloorServer('streamed');
  for (const [key, value] of Object.entries(BENCH_APP_ENV)) process.env[key] ??= value;
  if (kind !== 'gemini') process.env.LLM_PROVIDER = 'offline';
  instrumentChatModel(kind);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createApp } = require('../../src/bootstrap') as typeof import('../../src/bootstrap');
  const app = await createApp({ logs: process.env.LOG_LEVEL !== 'silent' });
  const window = coalescingWindowOf(app);
  if (window) watchWindow(window);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

async function main(): Promise<void> {
  const kind = (process.env.BENCH_SERVER_KIND ?? 'offline') as ServerKind;
  const server = await bootBenchServer(kind);
  const cpuAtStart = process.cpuUsage();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stats') {
      process.send!({ type: 'stats', stats: serverStats(cpuAtStart) });
    } else if (message.type === 'close') {
      void server.close().finally(() => process.exit(0));
    }
  });
  process.send!({ type: 'ready', url: server.url });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
