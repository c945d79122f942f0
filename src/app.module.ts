import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { CacheModule } from './cache/cache.module';
import { HttpExceptionFilter } from './common/filters/http-exception.filter';
import { LoggingModule } from './common/logging/logging.module';
import { createValidationPipe } from './common/validation/validation.pipe';
import { ConfigModule } from './config/config.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { HealthIndicatorsModule } from './health/health-indicators.module';
import { SportsApiModule } from './sports-api/sports-api.module';
import { LlmModule } from './llm/llm.module';
import { NluModule } from './nlu/nlu.module';
import { ChatModule } from './chat/chat.module';
import { GatewayModule } from './gateway/gateway.module';
import { DevTokenModule } from './common/auth/dev-token/dev-token.module';
import { TracingModule } from './tracing/tracing.module';

@Module({
  imports: [ConfigModule, LoggingModule, TracingModule, HealthIndicatorsModule, MetricsModule, CacheModule, SportsApiModule, NluModule, LlmModule, ChatModule, GatewayModule, HealthModule, DevTokenModule],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: HttpExceptionFilter },
  ],
})
export class AppModule {}
