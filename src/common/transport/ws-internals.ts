/*
 * The one place that relies on `ws` internals (checked by ws-internals.contract.spec.ts): a
 * WebSocket's raw socket, `_socket`, which ws does not expose. With LIBRARY_FAST_PATHS=false the
 * servers are plain `ws` servers.
 */
import type { Socket } from 'node:net';
import { type ServerOptions, WebSocket, WebSocketServer } from 'ws';
import { libraryFastPaths } from '../fast-paths';

/** The TCP socket under a WebSocket, where `ws` keeps it. */
export function rawSocketOf(ws: WebSocket): Socket | undefined {
  return (ws as unknown as { _socket?: Socket })._socket;
}

/**
 * A WebSocket whose frames sent in the same tick leave in one write. ws writes every frame with
 * its own `writev`; a turn often sends several at once (tool events, the deltas engine.io queued
 * while the previous write was in flight, the last delta and the final), and on loopback each
 * syscall was the largest single cost per message in bench/RESULTS.md. The raw socket is corked
 * at the first send of a tick and uncorked on `process.nextTick`, so nothing waits for a later
 * event-loop turn.
 */
export class CorkingWebSocket extends WebSocket {
  private corked = false;

  override send(...args: unknown[]): void {
    const raw = rawSocketOf(this);
    if (raw && !this.corked && this.readyState === WebSocket.OPEN) {
      this.corked = true;
      raw.cork();
      process.nextTick(() => {
        this.corked = false;
        raw.uncork();
      });
    }
    (super.send as (...a: unknown[]) => void)(...args);
  }
}

/** The `ws` server Socket.IO's engine (option `wsEngine`) and the plain WebSocket gateway use. */
export class CorkingWebSocketServer extends WebSocketServer {
  constructor(options?: ServerOptions, callback?: () => void) {
    super({ ...options, WebSocket: CorkingWebSocket }, callback);
  }
}

/** The `ws` server class to use: corking unless the library fast paths are switched off. */
export function webSocketServerClass(): new (options?: ServerOptions, callback?: () => void) => WebSocketServer {
  return libraryFastPaths() ? CorkingWebSocketServer : WebSocketServer;
}
