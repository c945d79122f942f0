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
import { HealthIndicators } from './health-indicators';

/**
 * Probes (protocol.md §2). `live` answers from the process alone so a slow dependency never gets
 * the pod killed; `ready` asks only whether this instance can serve (its configuration was
 * validated at boot, so that leaves the state store); `/health` is the full picture, with the
 * shared dependencies (sports API, LLM) and the cache. Every check is bounded by its own timeout.
 */
@ApiTags('health')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly cache: CacheHealthIndicator,
    private readonly indicators: HealthIndicators,
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
    return this.run(this.indicators.forReadiness(), res);
  }

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'The same checks as /health/ready, at the address people and dashboards look for first.',
  })
  all(@Res({ passthrough: true }) res: Response) {
    return this.run([() => this.cache.check('cache'), ...this.indicators.all()], res);
  }

  /** A failing check answers 503 with the Terminus body itself, not the generic ErrorBody. */
  private async run(checks: HealthIndicatorFunction[], res: Response): Promise<HealthCheckResult | string | object> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(503);
      return error.getResponse();
    }
  }
}
