import { Injectable } from '@nestjs/common';
import type { HealthIndicatorFunction } from '@nestjs/terminus';

/**
 * Feature modules register their readiness checks here at init (sports API, LLM, conversation
 * store), so the health module needs no knowledge of them and nothing imports it back.
 */
@Injectable()
export class ReadinessIndicators {
  private readonly indicators: HealthIndicatorFunction[] = [];

  register(indicator: HealthIndicatorFunction): void {
    this.indicators.push(indicator);
  }

  all(): HealthIndicatorFunction[] {
    return [...this.indicators];
  }
}
