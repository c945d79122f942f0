import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { RedisClientType } from 'redis';
import type { Namespace } from 'socket.io';
import { RedisConnection } from '../redis/redis-connection';
import { liveKeys } from './live-cluster';
import type { LiveBatch } from './live.types';
import { fixtureRoom, tournamentRoom } from './subscription-registry';

type BatchListener = (batch: LiveBatch) => void;

/**
 * Carries what the poller found to every subscriber in the cluster, once. Socket.IO subscribers sit
 * in rooms per fixture and tournament, so one emit to both rooms reaches each socket once, on any
 * instance, through the Socket.IO Redis adapter. Plain WebSocket subscribers and slip alerts are
 * served by the instance that holds the connection: the batch goes out on a Redis channel every
 * instance listens to (in-process without Redis).
 */
@Injectable()
export class LiveFanout implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveFanout.name);
  private namespace?: Namespace;
  private readonly listeners: BatchListener[] = [];
  private subscriber?: RedisClientType;

  constructor(private readonly redis: RedisConnection) {}

  /** The Socket.IO `/chat` namespace, handed over by its gateway once it exists. */
  useNamespace(namespace: Namespace): void {
    this.namespace = namespace;
  }

  get chatNamespace(): Namespace | undefined {
    return this.namespace;
  }

  /** Called on every instance for every batch published anywhere in the cluster. */
  onBatch(listener: BatchListener): void {
    this.listeners.push(listener);
  }

  async onModuleInit(): Promise<void> {
    if (!this.redis.enabled) return;
    try {
      this.subscriber = await this.redis.duplicate();
      await this.subscriber.subscribe(liveKeys.updates, (message) => this.received(message));
    } catch (error) {
      this.logger.warn(`live updates channel unavailable (${(error as Error).message}); plain WebSocket subscribers hear only this instance's poller`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscriber?.unsubscribe(liveKeys.updates).catch(() => undefined);
  }

  async publish(batch: LiveBatch): Promise<void> {
    if (this.namespace) {
      const rooms = [fixtureRoom(batch.fixture.fixtureId), tournamentRoom(batch.fixture.tournamentId)];
      for (const update of batch.match) this.namespace.to(rooms).emit('match_update', update);
      for (const update of batch.odds) this.namespace.to(rooms).emit('odds_update', update);
    }
    if (this.subscriber?.isReady && this.redis.client) {
      try {
        await this.redis.client.publish(liveKeys.updates, JSON.stringify(batch));
        return;
      } catch (error) {
        this.logger.warn(`live update not published (${(error as Error).message}); delivering on this instance only`);
      }
    }
    this.deliver(batch);
  }

  private received(message: string): void {
    let batch: LiveBatch;
    try {
      batch = JSON.parse(message) as LiveBatch;
    } catch {
      return;
    }
    this.deliver(batch);
  }

  private deliver(batch: LiveBatch): void {
    for (const listener of this.listeners) {
      try {
        listener(batch);
      } catch (error) {
        this.logger.error({ err: error }, 'live update listener failed');
      }
    }
  }
}
