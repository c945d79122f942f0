import { Module } from '@nestjs/common';
import { ChatModule } from '../chat/chat.module';
import { ChatGateway } from './chat.gateway';
import { RawWsGateway } from './raw-ws.gateway';
import { StreamingTurns } from './streaming-turns';

/** The streaming transports: Socket.IO `/chat` and the plain WebSocket `/ws/chat`, both over ChatService. */
@Module({
  imports: [ChatModule],
  providers: [StreamingTurns, ChatGateway, RawWsGateway],
})
export class GatewayModule {}
