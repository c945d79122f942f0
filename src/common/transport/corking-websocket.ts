import type { Socket } from 'node:net';
import { type ServerOptions, WebSocket, WebSocketServer } from 'ws';

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
    const raw = (this as unknown as { _socket?: Socket })._socket;
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
