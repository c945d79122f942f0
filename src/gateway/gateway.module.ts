import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ChatModule } from '../chat/chat.module';
import { LiveModule } from '../live/live.module';
import { RestThrottlingModule } from '../chat/throttling/rest-throttling.module';
import { resumeConfig } from '../config/configuration';
import { RedisModule } from '../redis/redis.module';
import { RedisConnection } from '../redis/redis-connection';
import { ChatGateway } from './chat.gateway';
import { CoalescingWindow } from './coalescing-window';
import { RawWsGateway } from './raw-ws.gateway';
import { FrameLog } from './resume/frame-log';
import { MemoryFrameLog } from './resume/memory-frame-log';
import { RedisFrameLog } from './resume/redis-frame-log';
import { StreamingTurns } from './streaming-turns';
import { UserMessageLimiter } from './user-message-limiter';

/** The streaming transports: Socket.IO `/chat` and the plain WebSocket `/ws/chat`, both over ChatService (live subscriptions: LiveModule). */
@Module({
  imports: [ChatModule, RestThrottlingModule, RedisModule, LiveModule],
  providers: [
    {
      provide: FrameLog,
      inject: [RedisConnection, resumeConfig.KEY],
      useFactory: (redis: RedisConnection, resume: ConfigType<typeof resumeConfig>) =>
        redis.client ? new RedisFrameLog(redis.client, redis, resume, redis.commandTimeoutMs) : new MemoryFrameLog(resume),
    },
    CoalescingWindow,
    StreamingTurns,
    UserMessageLimiter,
    ChatGateway,
    RawWsGateway,
  ],
})
export class GatewayModule {}
