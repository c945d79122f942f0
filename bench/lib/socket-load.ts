import { randomUUID } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { type LatencySummary, summarize } from './stats';

export interface SocketLoadOptions {
  url: string;
  sessions: number;
  messagesPerSession: number;
  /** Messages are picked round-robin; realistic questions exercise NLU, tools and cache. */
  messages: string[];
  timeoutMs?: number;
  apiKey?: string;
  /** Unmeasured messages per session first, so JIT warm-up and first-use caches do not count. */
  warmUpMessagesPerSession?: number;
  /**
   * Spread the sessions' first messages evenly over this many ms instead of sending them all in
   * the same instant: the same number of concurrent streams, without an artificial burst.
   */
  rampUpMs?: number;
  /**
   * A user's pause between reading an answer and sending the next message, in ms (each pause drawn
   * uniformly from 0.5× to 1.5× this). Without it the sessions form a closed loop in which latency
   * is only queueing: by Little's law p50 ≈ sessions ÷ throughput, whatever the server does.
   */
  thinkMs?: number;
}

export interface SocketLoadResult {
  sessions: number;
  messages: number;
  errors: number;
  /** What went wrong, by kind ("timeout", "refused RATE_LIMITED", …): empty when errors is 0. */
  errorKinds: Record<string, number>;
  durationS: number;
  messagesPerSecond: number;
  latencyMs: LatencySummary;
  firstDeltaMs: LatencySummary;
  framesPerAnswer: number;
  /** Share of one core the load client itself used: near 100 % means the client, not the server, limits. */
  clientCpuPercent: number;
  /**
   * How late the load client's own event loop ran (mean and p99, ms): what it measures (and, in
   * the Gemini step, the model stand-in it hosts) is late by as much, whatever the server does.
   */
  clientLagMs: { mean: number; p99: number };
  /**
   * Mean performance.now() at which the answered messages were sent and their first deltas
   * arrived: set beside a model stand-in's own moments in this process, they split the time to
   * first delta into before the model call and after its first event.
   */
  meanMomentMs: { sent: number; firstDelta: number };
}

/**
 * N concurrent Socket.IO sessions on /chat, each sending M messages one after another (protocol
 * §3), timing each message to its final event and to its first streamed delta.
 */
export async function runSocketLoad(options: SocketLoadOptions): Promise<SocketLoadResult> {
  const latencies: number[] = [];
  const firstDeltas: number[] = [];
  const moments = { sent: 0, firstDelta: 0, count: 0 };
  let errors = 0;
  const errorKinds: Record<string, number> = {};
  let frames = 0;
  let answers = 0;
  const timeoutMs = options.timeoutMs ?? 30_000;

  const sockets: Socket[] = await Promise.all(
    Array.from({ length: options.sessions }, (_, i) => {
      const socket = io(`${options.url}/chat`, {
        transports: ['websocket'],
        auth: { user_id: `bench-user-${i}`, session_id: `bench-${randomUUID()}`, api_key: options.apiKey },
        reconnection: false,
        forceNew: true,
      });
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    }),
  );

  const warmUp = options.warmUpMessagesPerSession ?? 0;
  await Promise.all(
    sockets.map(async (socket, i) => {
      for (let m = 0; m < warmUp; m++) {
        await oneMessage(socket, options.messages[(i + m) % options.messages.length], timeoutMs).catch(() => undefined);
      }
    }),
  );

  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  await Promise.all(
    sockets.map(async (socket, i) => {
      const rampUpMs = options.rampUpMs ?? options.thinkMs ?? 0;
      if (rampUpMs > 0) await pause((i / options.sessions) * rampUpMs);
      for (let m = 0; m < options.messagesPerSession; m++) {
        if (m > 0 && options.thinkMs) await pause(options.thinkMs * (0.5 + Math.random()));
        const content = options.messages[(i + warmUp + m) % options.messages.length];
        try {
          const result = await oneMessage(socket, content, timeoutMs);
          latencies.push(result.latencyMs);
          if (result.firstDeltaMs !== undefined) {
            firstDeltas.push(result.firstDeltaMs);
            moments.sent += result.sentAtMs;
            moments.firstDelta += result.sentAtMs + result.firstDeltaMs;
            moments.count++;
          }
          frames += result.frames;
          answers++;
        } catch (error) {
          errors++;
          const kind = (error as Error).message;
          errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
        }
      }
    }),
  );
  const durationS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  lag.disable();
  for (const socket of sockets) socket.disconnect();
  return {
    sessions: options.sessions,
    messages: latencies.length,
    errors,
    errorKinds,
    durationS: Math.round(durationS * 100) / 100,
    messagesPerSecond: Math.round(latencies.length / durationS),
    latencyMs: summarize(latencies),
    firstDeltaMs: summarize(firstDeltas),
    framesPerAnswer: answers ? Math.round((frames / answers) * 10) / 10 : 0,
    clientCpuPercent: Math.round((cpu.user + cpu.system) / 10 / (durationS * 1000)),
    clientLagMs: { mean: +(lag.mean / 1e6).toFixed(1), p99: +(lag.percentile(99) / 1e6).toFixed(1) },
    meanMomentMs: { sent: moments.sent / moments.count, firstDelta: moments.firstDelta / moments.count },
  };
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface AssistantFrame {
  message_id?: string;
  is_final?: boolean;
}

function oneMessage(
  socket: Socket,
  content: string,
  timeoutMs: number,
): Promise<{ sentAtMs: number; latencyMs: number; firstDeltaMs?: number; frames: number }> {
  const messageId = randomUUID();
  const sent = performance.now();
  let firstDeltaMs: number | undefined;
  let frames = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error('timeout')), timeoutMs);
    const onResponse = (frame: AssistantFrame) => {
      if (frame.message_id !== messageId) return;
      frames++;
      if (!frame.is_final) {
        firstDeltaMs ??= performance.now() - sent;
        return;
      }
      finish();
    };
    const onError = (frame: AssistantFrame & { error_code?: string }) => {
      if (frame.message_id === messageId) finish(new Error(`error event ${frame.error_code}`));
    };
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.off('assistant_response', onResponse);
      socket.off('error', onError);
      if (error) reject(error);
      else resolve({ sentAtMs: sent, latencyMs: performance.now() - sent, firstDeltaMs, frames });
    };
    socket.on('assistant_response', onResponse);
    socket.on('error', onError);
    socket.emit('user_message', { content, message_id: messageId }, (ack: { error?: { error_code?: string } }) => {
      if (ack && ack.error) finish(new Error(`refused ${ack.error.error_code}`));
    });
  });
}
