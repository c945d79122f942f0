import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { AuthModule } from '../common/auth/auth.module';
import { cacheConfig } from '../config/configuration';
import { LlmModule } from '../llm/llm.module';
import { NluModule } from '../nlu/nlu.module';
import { SportsApiModule } from '../sports-api/sports-api.module';
import { RedisModule } from '../redis/redis.module';
import { RedisConnection } from '../redis/redis-connection';
import { BetsController } from './bets.controller';
import { BetsService } from './bets/bets.service';
import { SlipReoffer } from './bets/slip-reoffer';
import { ChatController } from './chat.controller';
import { ChatMetrics } from './chat-metrics';
import { ChatService } from './chat.service';
import { ConversationStoreHealth } from './conversation-store.health';
import { RunningTurns } from './running-turns';
import { BetProposalStore } from './state/bet-proposal.store';
import { ConversationStore } from './state/conversation.store';
import { MemoryBetProposalStore } from './state/memory-bet-proposal.store';
import { MemoryConversationStore } from './state/memory-conversation.store';
import { MemoryTurnGuard } from './state/memory-turn.guard';
import { RedisBetProposalStore } from './state/redis-bet-proposal.store';
import { RedisConversationStore } from './state/redis-conversation.store';
import { RedisTurnGuard } from './state/redis-turn.guard';
import { TurnGuard } from './state/turn-guard';
import { RestThrottlingModule } from './throttling/rest-throttling.module';

/**
 * The chat pipeline, its state (Redis when configured, process memory otherwise) and the REST
 * routes. Agent comes from LlmModule, LanguageUnderstanding from NluModule, SportsApi from
 * SportsApiModule; ChatModule depends only on those ports.
 */
@Module({
  imports: [RedisModule, AuthModule, RestThrottlingModule, TerminusModule, LlmModule, NluModule, SportsApiModule],
  controllers: [ChatController, BetsController],
  providers: [
    {
      provide: ConversationStore,
      inject: [RedisConnection, cacheConfig.KEY],
      useFactory: (redis: RedisConnection, cache: ConfigType<typeof cacheConfig>) =>
        redis.client
          ? new RedisConversationStore(redis.client, cache.sessionTtlSeconds * 1000, redis.commandTimeoutMs)
          : new MemoryConversationStore(cache.sessionTtlSeconds * 1000),
    },
    {
      provide: TurnGuard,
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection) =>
        redis.client ? new RedisTurnGuard(redis.client, redis.commandTimeoutMs) : new MemoryTurnGuard(),
    },
    {
      provide: BetProposalStore,
      inject: [RedisConnection],
      useFactory: (redis: RedisConnection) =>
        redis.client
          ? new RedisBetProposalStore(redis.client, redis.commandTimeoutMs)
          : new MemoryBetProposalStore(),
    },
    ChatMetrics,
    RunningTurns,
    ChatService,
    BetsService,
    SlipReoffer,
    ConversationStoreHealth,
  ],
  exports: [ChatService, RunningTurns, BetsService, SlipReoffer, BetProposalStore, AuthModule],
})
export class ChatModule {}
