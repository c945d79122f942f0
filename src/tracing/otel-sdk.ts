import { context, propagation, type Tracer, trace } from '@opentelemetry/api';

export interface TracingOptions {
  /** OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base URL; spans go to `<endpoint>/v1/traces` (OTLP/HTTP, JSON). */
  endpoint: string;
  serviceName: string;
}

export interface RunningSdk {
  tracer: Tracer;
  /** Sends the spans still buffered, then unregisters the globals. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK. The packages are required here, at the call, so a process with
 * tracing off never loads them.
 */
export function startSdk(options: TracingOptions): RunningSdk {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeTracerProvider, BatchSpanProcessor } = require('@opentelemetry/sdk-trace-node') as typeof import('@opentelemetry/sdk-trace-node');
  const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
  const { resourceFromAttributes } = require('@opentelemetry/resources') as typeof import('@opentelemetry/resources');
  const { ATTR_SERVICE_NAME } = require('@opentelemetry/semantic-conventions') as typeof import('@opentelemetry/semantic-conventions');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: options.serviceName }),
    // Batched: a turn never waits on the collector; a slow or absent one only drops spans.
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  // The async-local-storage context manager, so a tool's span finds its turn across awaits.
  provider.register();
  return {
    tracer: provider.getTracer('chatbet-assistant'),
    shutdown: async () => {
      try {
        await provider.shutdown();
      } finally {
        trace.disable();
        context.disable();
        propagation.disable();
      }
    },
  };
}
