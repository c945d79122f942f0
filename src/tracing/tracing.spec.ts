import { context, propagation, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { CORRELATION_ATTRIBUTE, traced, tracedSync, tracingOn, useTracer } from './tracing';
import { TracingLifecycle } from './tracing.module';

let sdkLoaded = false;
jest.mock('./otel-sdk', () => {
  sdkLoaded = true;
  return { startSdk: () => ({ tracer: trace.getTracer('mocked'), shutdown: () => Promise.resolve() }) };
});

describe('tracing switched off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('loads no SDK and leaves every call site on its untraced path', async () => {
    const lifecycle = new TracingLifecycle({ endpoint: undefined, serviceName: 'x' });
    lifecycle.onModuleInit();
    expect(tracingOn()).toBe(false);
    expect(sdkLoaded).toBe(false);
    await lifecycle.onApplicationShutdown();
    expect(() => tracedSync('x', {}, () => 1)).toThrow('tracing is off');
  });

  it('starts the SDK only when an endpoint is configured, and stops it at shutdown', async () => {
    const lifecycle = new TracingLifecycle({ endpoint: 'http://127.0.0.1:4318', serviceName: 'x' });
    lifecycle.onModuleInit();
    expect(sdkLoaded).toBe(true);
    expect(tracingOn()).toBe(true);
    await lifecycle.onApplicationShutdown();
    expect(tracingOn()).toBe(false);
  });
});

describe('traced spans', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  beforeAll(() => {
    provider.register();
    useTracer(provider.getTracer('test'));
  });
  afterAll(async () => {
    useTracer(undefined);
    await provider.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });
  beforeEach(() => exporter.reset());

  it('nests spans across awaits and gives every span inside a turn the turn correlation id', async () => {
    await traced('turn', { [CORRELATION_ATTRIBUTE]: 'c-1' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      tracedSync('nlu', {}, () => undefined);
      await Promise.all([
        traced('tool', { name: 'a' }, () => traced('request', {}, () => new Promise((r) => setTimeout(r, 1)))),
        traced('tool', { name: 'b' }, async () => undefined),
      ]);
    });
    await traced('unrelated', {}, async () => undefined);
    const spans = exporter.getFinishedSpans();
    const byName = (name: string) => spans.filter((s) => s.name === name);
    const [turn] = byName('turn');
    const parentId = (name: string) => byName(name).map((s) => s.parentSpanContext?.spanId);
    expect(parentId('nlu')).toEqual([turn.spanContext().spanId]);
    expect(parentId('tool')).toEqual([turn.spanContext().spanId, turn.spanContext().spanId]);
    const toolA = byName('tool').find((s) => s.attributes.name === 'a')!;
    expect(parentId('request')).toEqual([toolA.spanContext().spanId]);
    for (const name of ['turn', 'nlu', 'tool', 'request']) for (const span of byName(name)) expect(span.attributes[CORRELATION_ATTRIBUTE]).toBe('c-1');
    const [unrelated] = byName('unrelated');
    expect(unrelated.parentSpanContext).toBeUndefined();
    expect(unrelated.attributes[CORRELATION_ATTRIBUTE]).toBeUndefined();
  });

  it('records a failure on the span and passes the error on', async () => {
    await expect(traced('failing', {}, () => Promise.reject(new Error('sports API down')))).rejects.toThrow('sports API down');
    expect(() => tracedSync('failing-sync', {}, () => { throw new Error('bad input'); })).toThrow('bad input');
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => [s.name, s.status.code, s.status.message])).toEqual([
      ['failing', SpanStatusCode.ERROR, 'sports API down'],
      ['failing-sync', SpanStatusCode.ERROR, 'bad input'],
    ]);
    expect(spans.every((s) => s.events.some((e) => e.name === 'exception'))).toBe(true);
  });
});
