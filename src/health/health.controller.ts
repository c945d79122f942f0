import { Controller, Get, Res, ServiceUnavailableException, VERSION_NEUTRAL } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  HealthCheck,
  type HealthCheckResult,
  HealthCheckService,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import { CacheHealthIndicator } from '../cache/cache.health';
import { ReadinessIndicators } from './readiness-indicators';

/**
 * Kubernetes probes. `live` answers from the process alone so a slow dependency never gets the pod
 * killed; `ready` runs every registered indicator, each bounded by its own short timeout.
 */
@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly cache: CacheHealthIndicator,
    private readonly readiness: ReadinessIndicators,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Liveness: the process answers. Never touches a dependency, so it does not fail while one is down.',
  })
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    summary:
      'Readiness: every registered check (cache, conversation store, sports API circuit, LLM configuration); 503 with the Terminus body when one is down.',
  })
  ready(@Res({ passthrough: true }) res: Response) {
    return this.runAll(res);
  }

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'The same checks as /health/ready, at the address people and dashboards look for first.',
  })
  all(@Res({ passthrough: true }) res: Response) {
    return this.runAll(res);
  }

  /** A failing check answers 503 with the Terminus body itself, not the generic ErrorBody. */
  private async runAll(res: Response): Promise<HealthCheckResult | string | object> {
    try {
      return await this.health.check(this.indicators());
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse();
    }
  }

  private indicators(): HealthIndicatorFunction[] {
    return [() => this.cache.check('cache'), ...this.readiness.all()];
  }
}
