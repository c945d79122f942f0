import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ChatModule } from '../chat/chat.module';
import { liveConfig } from '../config/configuration';
import { RedisModule } from '../redis/redis.module';
import { RedisConnection } from '../redis/redis-connection';
import { SportsApiModule } from '../sports-api/sports-api.module';
import { LocalPollerLease, LocalWatchList, PollerLease, RedisPollerLease, RedisWatchList, WatchList } from './live-cluster';
import { LiveFanout } from './live-fanout';
import { LivePoller } from './live-poller';
import { LiveSubscriptions } from './live-subscriptions.service';
import { SlipAlerts } from './slip-alerts';
import { SportsUpdatesGateway } from './sports-updates.gateway';
import { SubscriptionRegistry } from './subscription-registry';

/**
 * Live odds and match updates (issue 22): subscriptions on Socket.IO `/chat` and the plain
 * WebSocket `/ws/sports-updates`, one poller per cluster (a Redis lease; the process alone without
 * Redis), fan-out through the Socket.IO adapter and a Redis channel, and open-slip price alerts.
 */
@Module({
  imports: [RedisModule, ChatModule, SportsApiModule],
  providers: [
    {
      provide: SubscriptionRegistry,
      inject: [liveConfig.KEY],
      useFactory: (config: ConfigType<typeof liveConfig>) =>
        new SubscriptionRegistry({ perConnection: config.maxPerConnection, perUser: config.maxPerUser, idleMs: config.idleMs }),
    },
    {
      provide: PollerLease,
      inject: [RedisConnection, liveConfig.KEY],
      useFactory: (redis: RedisConnection, config: ConfigType<typeof liveConfig>) =>
        redis.client
          ? new RedisPollerLease(redis.client, `${hostname()}:${process.pid}:${randomUUID()}`, config.leaseTtlMs, redis.commandTimeoutMs)
          : new LocalPollerLease(),
    },
    {
      provide: WatchList,
      inject: [RedisConnection, SubscriptionRegistry],
      useFactory: (redis: RedisConnection, registry: SubscriptionRegistry) =>
        redis.client ? new RedisWatchList(redis.client, redis.commandTimeoutMs) : new LocalWatchList(() => registry.watched()),
    },
    LiveFanout,
    LivePoller,
    SlipAlerts,
    LiveSubscriptions,
    SportsUpdatesGateway,
  ],
  exports: [LiveSubscriptions],
})
export class LiveModule {}
