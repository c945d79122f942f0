import { Inject, Injectable, Logger, Module, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { withTimeout } from '../common/timeout';
import { tracingConfig } from '../config/configuration';
import type { RunningSdk } from './otel-sdk';
import { tracingOn, useTracer } from './tracing';

const FLUSH_AT_SHUTDOWN_MS = 2000;

/**
 * Starts OpenTelemetry when OTEL_EXPORTER_OTLP_ENDPOINT is set, before the other modules' start-up
 * work (the catalogue load is traced too), and flushes it after everything else has shut down.
 */
@Injectable()
export class TracingLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Tracing');
  private sdk?: RunningSdk;

  constructor(@Inject(tracingConfig.KEY) private readonly config: ConfigType<typeof tracingConfig>) {}

  onModuleInit(): void {
    const endpoint = this.config.endpoint;
    if (!endpoint) return;
    if (tracingOn()) {
      this.logger.warn('OpenTelemetry already runs in this process; this application shares it');
      return;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { startSdk } = require('./otel-sdk') as typeof import('./otel-sdk');
    this.sdk = startSdk({ endpoint, serviceName: this.config.serviceName });
    useTracer(this.sdk.tracer);
    this.logger.log(`OpenTelemetry tracing on: spans go to ${new URL(endpoint).origin}`);
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.sdk) return;
    useTracer(undefined);
    // Bounded: an unreachable collector must not hold the exit past SHUTDOWN_GRACE_MS's backstop.
    await withTimeout(this.sdk.shutdown(), FLUSH_AT_SHUTDOWN_MS, 'flushing spans').catch((error: unknown) =>
      this.logger.warn(`could not flush the last spans: ${(error as Error).message}`),
    );
    this.sdk = undefined;
  }
}

@Module({ providers: [TracingLifecycle] })
export class TracingModule {}
