import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { HealthIndicators } from '../health/health-indicators';
import { RedisConnection } from '../redis/redis-connection';
import { ConversationStore } from './state/conversation.store';

const PROBE_TIMEOUT_MS = 300;

/** Readiness `conversation_store`: always up in memory; a bounded Redis PING otherwise. */
@Injectable()
export class ConversationStoreHealth implements OnModuleInit {
  constructor(
    private readonly store: ConversationStore,
    private readonly redis: RedisConnection,
    private readonly health: HealthIndicatorService,
    private readonly healthIndicators: HealthIndicators,
  ) {}

  onModuleInit(): void {
    this.healthIndicators.registerReadiness(() => this.check('conversation_store'));
  }

  async check(key: string) {
    const indicator = this.health.check(key);
    const store = this.redis.enabled ? 'redis' : 'memory';
    try {
      await this.store.probe(PROBE_TIMEOUT_MS);
      return indicator.up({ store });
    } catch (error) {
      return indicator.down({ store, message: (error as Error).message });
    }
  }
}
