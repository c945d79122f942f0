import { Injectable } from '@nestjs/common';
import type { HealthIndicatorFunction } from '@nestjs/terminus';

/**
 * Feature modules register their health checks here at init, so the health module needs no
 * knowledge of them and nothing imports it back. Two kinds (protocol.md §2):
 * - readiness: what this instance needs to serve at all (the state store). A failing one takes
 *   the instance out of the load balancer, so only checks another instance could pass belong here.
 * - dependency: outside systems every instance shares (sports API, LLM). When they are down every
 *   instance still answers, degraded; pulling them all would turn those answers into connection
 *   errors. They show on `/health` only.
 */
@Injectable()
export class HealthIndicators {
  private readonly readiness: HealthIndicatorFunction[] = [];
  private readonly dependencies: HealthIndicatorFunction[] = [];

  registerReadiness(indicator: HealthIndicatorFunction): void {
    this.readiness.push(indicator);
  }

  registerDependency(indicator: HealthIndicatorFunction): void {
    this.dependencies.push(indicator);
  }

  /** The checks of `/health/ready`. */
  forReadiness(): HealthIndicatorFunction[] {
    return [...this.readiness];
  }

  /** The checks of `/health`: readiness and dependencies. */
  all(): HealthIndicatorFunction[] {
    return [...this.readiness, ...this.dependencies];
  }
}
