import { Global, Module } from '@nestjs/common';
import { HealthIndicators } from './health-indicators';

/**
 * Global like config: any feature can contribute a health check without importing health.
 */
@Global()
@Module({ providers: [HealthIndicators], exports: [HealthIndicators] })
export class HealthIndicatorsModule {}
