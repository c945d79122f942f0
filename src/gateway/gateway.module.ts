import { Module } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module';
import { LiveModule } from '../live/live.module';
import { RestThrottlingModule } from '../chat/throttling/rest-throttling.module';
import { ChatGateway } from './chat.gateway';
import { RawWsGateway } from './raw-ws.gateway';
import { StreamingTurns } from './streaming-turns';
import { UserMessageLimiter } from './user-message-limiter';

/** The streaming transports: Socket.IO `/chat` and the plain WebSocket `/ws/chat`, both over ChatService (live subscriptions: LiveModule). */
@Module({
  imports: [ChatModule, RestThrottlingModule, LiveModule],
  providers: [StreamingTurns, UserMessageLimiter, ChatGateway, RawWsGateway],
})
export class GatewayModule {}
