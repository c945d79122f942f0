import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

/** Socket.IO and plain-WebSocket clients for the e2e tests, with event recorders. */

export type Frame = Record<string, any> & { type?: string };

export interface RecordedSocket {
  socket: Socket;
  events: Array<{ event: string; payload: Frame }>;
  /** Resolves with every event of a message up to (and including) its final or error event. */
  turn(messageId: string): Promise<Frame[]>;
  ack<T = any>(event: string, payload: unknown): Promise<T>;
  close(): void;
}

export function connectSocket(url: string, auth: Record<string, unknown>, extra: Record<string, unknown> = {}): Promise<RecordedSocket> {
  const socket = io(`${url}/chat`, { transports: ['websocket'], auth, reconnection: false, forceNew: true, ...extra });
  const events: RecordedSocket['events'] = [];
  const waiters: Array<() => void> = [];
  socket.onAny((event: string, payload: Frame) => {
    events.push({ event, payload });
    for (const waiter of waiters.splice(0)) waiter();
  });
  const recorded: RecordedSocket = {
    socket,
    events,
    turn: (messageId) =>
      new Promise((resolve) => {
        const check = () => {
          const mine = events.filter((e) => e.payload?.message_id === messageId).map((e): Frame => ({ ...e.payload, event: e.event }));
          if (mine.some((f) => f.event === 'error' || (f.event === 'assistant_response' && f.is_final))) resolve(mine);
          else waiters.push(check);
        };
        check();
      }),
    ack: (event, payload) => socket.timeout(5000).emitWithAck(event, payload),
    close: () => socket.close(),
  };
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(recorded));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

export interface RecordedWs {
  ws: WebSocket;
  frames: Frame[];
  send(frame: unknown): void;
  /** Resolves with the first frame (from `from` on) that matches. */
  next(match: (frame: Frame) => boolean, from?: number): Promise<Frame>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

export function connectWs(url: string, path: string, headers: Record<string, string> = {}): Promise<RecordedWs> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`, { headers });
  const frames: Frame[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data: Buffer) => {
    frames.push(JSON.parse(data.toString('utf8')) as Frame);
    for (const waiter of waiters.splice(0)) waiter();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  const recorded: RecordedWs = {
    ws,
    frames,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next: (match, from = 0) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching frame; got ${JSON.stringify(frames).slice(0, 500)}`)), 5000);
        const check = () => {
          const found = frames.slice(from).find(match);
          if (found) {
            clearTimeout(timer);
            resolve(found);
          } else waiters.push(check);
        };
        check();
      }),
    closed,
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(recorded));
    ws.once('error', reject);
  });
}
