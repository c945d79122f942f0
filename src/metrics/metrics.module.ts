import { Global, Module, type OnModuleInit } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { CacheService } from '../cache/cache.service';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

/**
 * Global like config: recording a metric is a cross-cutting concern, and MetricsService depends on
 * nothing, so making it injectable everywhere adds no coupling between features.
 */
@Global()
@Module({
  imports: [CacheModule],
  controllers: [MetricsController],
  providers: [MetricsService],
  exports: [MetricsService],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly cache: CacheService,
  ) {}

  onModuleInit(): void {
    this.cache.onOutcome((namespace, outcome) => this.metrics.cacheEvents.inc({ namespace, outcome }));
  }
}
