import { Injectable } from '@nestjs/common';
import type { StopRequest } from './chat-events';

interface RunningTurn {
  userId: string;
  messageId: string;
  controller: AbortController;
}

/**
 * The turns running on this instance, by session, so `stop` can abort them (model and tools get
 * the signal). A stop for a session running elsewhere goes through `remoteStop`, which the
 * Socket.IO gateway sets to a broadcast over the adapter.
 */
@Injectable()
export class TurnRegistry {
  private readonly running = new Map<string, RunningTurn>();
  private remoteStop?: (request: StopRequest) => Promise<boolean>;

  register(sessionId: string, turn: RunningTurn): void {
    this.running.set(sessionId, turn);
  }

  unregister(sessionId: string, controller: AbortController): void {
    if (this.running.get(sessionId)?.controller === controller) this.running.delete(sessionId);
  }

  /** Aborts a turn of this instance; only its own user may stop it. */
  abortLocal(request: StopRequest): boolean {
    const turn = this.running.get(request.session_id);
    if (!turn || turn.userId !== request.user_id) return false;
    if (request.message_id && request.message_id !== turn.messageId) return false;
    turn.controller.abort();
    return true;
  }

  async stop(request: StopRequest): Promise<boolean> {
    if (this.abortLocal(request)) return true;
    return this.remoteStop ? this.remoteStop(request).catch(() => false) : false;
  }

  useRemoteStop(relay: (request: StopRequest) => Promise<boolean>): void {
    this.remoteStop = relay;
  }
}
