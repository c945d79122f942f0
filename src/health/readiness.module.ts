import { Global, Module } from '@nestjs/common';
import { ReadinessIndicators } from './readiness-indicators';

/**
 * Global like config: any feature can contribute a readiness check without importing health.
 */
@Global()
@Module({ providers: [ReadinessIndicators], exports: [ReadinessIndicators] })
export class ReadinessModule {}
