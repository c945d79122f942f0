import { Module } from '@nestjs/common';
import { ConditionalModule } from '@nestjs/config';
import { parseEnv } from '../../../config/env.schema';
import { devTokensAllowed } from '../../../config/configuration';
import { RestThrottlingModule } from '../../../chat/throttling/rest-throttling.module';
import { DevTokenController } from './dev-token.controller';
import { DevTokenService } from './dev-token.service';

@Module({
  imports: [RestThrottlingModule],
  controllers: [DevTokenController],
  providers: [DevTokenService],
})
export class DevTokenModule {}

/** Loaded only when the environment allows development tokens; production never has the route. */
export const ConditionalDevTokenModule = ConditionalModule.registerWhen(DevTokenModule, (env) => {
  try {
    return devTokensAllowed(parseEnv(env));
  } catch {
    return false;
  }
});
