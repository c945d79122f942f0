import { Module } from '@nestjs/common';
import { RestThrottlingModule } from '../../../chat/throttling/rest-throttling.module';
import { DevTokenController } from './dev-token.controller';
import { DevTokenService } from './dev-token.service';

@Module({
  imports: [RestThrottlingModule],
  controllers: [DevTokenController],
  providers: [DevTokenService],
})
export class DevTokenModule {}
