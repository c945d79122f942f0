import { type Attributes, context, createContextKey, type Span, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';

/**
 * Optional OpenTelemetry spans for a turn and what it waits on (NLU, model calls, tools,
 * sports-API requests). Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set: then `tracing.ts` stays the
 * only part loaded (the API package, whose calls go nowhere), no SDK is required and no span is
 * created — every call site asks `tracingOn()`, one boolean, before it builds anything for a span.
 *
 * The SDK (one tracer provider, its async-context manager) is process-wide, as OpenTelemetry's
 * globals are: one traced application per process.
 */

let tracer: Tracer | undefined;

/** The correlation id of the turn a span belongs to, kept in the context so every child span carries it. */
const CORRELATION = createContextKey('chatbet.correlation_id');
export const CORRELATION_ATTRIBUTE = 'chatbet.correlation_id';

export function tracingOn(): boolean {
  return tracer !== undefined;
}

/** Set by the tracing lifecycle (tracing.module.ts) when the SDK starts, cleared when it stops. */
export function useTracer(next: Tracer | undefined): void {
  tracer = next;
}

/**
 * Runs `work` inside a span named `name`, child of the active one, ended when `work` settles (an
 * error is recorded and rethrown). `attributes[CORRELATION_ATTRIBUTE]` starts a correlation scope;
 * spans inside it carry the same id. Call only when tracingOn().
 */
export function traced<T>(name: string, attributes: Attributes, work: (span: Span) => Promise<T>): Promise<T> {
  const [span, scope] = open(name, attributes);
  return context.with(scope, () => work(span)).then(
    (value) => {
      span.end();
      return value;
    },
    (error: unknown) => {
      fail(span, error);
      throw error;
    },
  );
}

/** traced() for synchronous work (the NLU). */
export function tracedSync<T>(name: string, attributes: Attributes, work: (span: Span) => T): T {
  const [span, scope] = open(name, attributes);
  try {
    const value = context.with(scope, () => work(span));
    span.end();
    return value;
  } catch (error) {
    fail(span, error);
    throw error;
  }
}

function open(name: string, attributes: Attributes) {
  if (!tracer) throw new Error('tracing is off: callers check tracingOn() first');
  const parent = context.active();
  const own = attributes[CORRELATION_ATTRIBUTE];
  const correlationId = typeof own === 'string' ? own : (parent.getValue(CORRELATION) as string | undefined);
  const span = tracer.startSpan(name, { attributes: correlationId ? { ...attributes, [CORRELATION_ATTRIBUTE]: correlationId } : attributes }, parent);
  const withId = correlationId && typeof own === 'string' ? parent.setValue(CORRELATION, correlationId) : parent;
  return [span, trace.setSpan(withId, span)] as const;
}

function fail(span: Span, error: unknown): void {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
  span.end();
}
