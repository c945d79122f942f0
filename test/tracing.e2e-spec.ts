import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { startApp, type RunningApp } from './support/app';

/** A span as the OTLP/HTTP JSON exporter sends it (the fields these tests read). */
interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  status?: { code?: number };
  attributes: Array<{ key: string; value: { stringValue?: string; intValue?: number | string; doubleValue?: number } }>;
}

interface ExportRequest {
  resourceSpans: Array<{
    resource: { attributes: ExportedSpan['attributes'] };
    scopeSpans: Array<{ spans: ExportedSpan[] }>;
  }>;
}

/** A minimal OTLP/HTTP collector on loopback: keeps every JSON export of /v1/traces and answers 200. */
class OtlpReceiver {
  readonly exports: ExportRequest[] = [];
  readonly contentTypes: string[] = [];
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/traces') {
        res.writeHead(404).end();
        return;
      }
      this.contentTypes.push(String(req.headers['content-type']));
      this.exports.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as ExportRequest);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  spans(): ExportedSpan[] {
    return this.exports.flatMap((e) => e.resourceSpans.flatMap((r) => r.scopeSpans.flatMap((s) => s.spans)));
  }

  serviceNames(): string[] {
    return this.exports.flatMap((e) => e.resourceSpans.map((r) => r.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? ''));
  }
}

const attribute = (span: ExportedSpan, key: string) => {
  const value = span.attributes.find((a) => a.key === key)?.value;
  return value?.stringValue ?? value?.intValue ?? value?.doubleValue;
};

describe('OpenTelemetry tracing (OTEL_EXPORTER_OTLP_ENDPOINT set; real app, offline engine, embedded simulator)', () => {
  const receiver = new OtlpReceiver();
  let app: RunningApp | undefined;
  let spans: ExportedSpan[] = [];
  const correlationId = 'trace-e2e-0001';

  beforeAll(async () => {
    const endpoint = await receiver.start();
    app = await startApp({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_SERVICE_NAME: 'chatbet-under-test' });
    const res = await request(app.url)
      .post('/api/v1/chat/message')
      .set('x-request-id', correlationId)
      .send({ message: 'what are the odds for Arsenal to win?', user_id: 'trace-user', session_id: 'trace-session' })
      .expect(200);
    expect(res.body.function_calls_made.length).toBeGreaterThan(0);
    // Closing the app flushes the batched spans to the receiver before it returns.
    await app.close();
    app = undefined;
    spans = receiver.spans();
  });
  afterAll(async () => {
    await app?.close();
    await receiver.stop();
  });

  it('exports OTLP JSON under the configured service name', () => {
    expect(receiver.contentTypes.every((type) => type.startsWith('application/json'))).toBe(true);
    expect(new Set(receiver.serviceNames())).toEqual(new Set(['chatbet-under-test']));
  });

  it('makes one turn span carrying the request correlation id, with NLU, model calls, tools and sports-API requests beneath it', () => {
    const turns = spans.filter((s) => s.name === 'chat.turn');
    expect(turns).toHaveLength(1);
    const [turn] = turns;
    expect(turn.parentSpanId ?? '').toBe('');
    expect(attribute(turn, 'chatbet.correlation_id')).toBe(correlationId);
    expect(attribute(turn, 'chatbet.session_id')).toBe('trace-session');
    expect(attribute(turn, 'chatbet.transport')).toBe('rest');
    expect(attribute(turn, 'chatbet.outcome')).toBe('ok');
    expect(attribute(turn, 'chatbet.intent')).toBe('ODDS_INFORMATION_QUERY');

    const inTurn = spans.filter((s) => s.traceId === turn.traceId && s !== turn);
    const byId = new Map(inTurn.map((s) => [s.spanId, s]));
    const parentOf = (s: ExportedSpan) => (s.parentSpanId === turn.spanId ? turn : byId.get(s.parentSpanId ?? ''));
    const named = (name: string) => inTurn.filter((s) => s.name === name);

    const [nlu] = named('nlu.analyze');
    expect(parentOf(nlu)).toBe(turn);
    expect(attribute(nlu, 'chatbet.intent')).toBe('ODDS_INFORMATION_QUERY');

    const modelCalls = named('llm.call');
    expect(modelCalls.length).toBeGreaterThanOrEqual(2); // one asking for tools, one answering from them
    for (const call of modelCalls) {
      expect(parentOf(call)).toBe(turn);
      expect(attribute(call, 'chatbet.llm.finish')).toBe('stop');
    }

    const tools = named('tool.call');
    expect(tools.length).toBeGreaterThan(0);
    for (const tool of tools) {
      expect(parentOf(tool)).toBe(turn);
      expect(attribute(tool, 'chatbet.tool.status')).toBe('ok');
    }
    expect(tools.map((t) => attribute(t, 'gen_ai.tool.name'))).toContain('get_odds');

    // Each sports-API request of the turn sits under the tool that needed it.
    const requests = named('sports_api.request');
    expect(requests.length).toBeGreaterThan(0);
    for (const req of requests) {
      expect(tools).toContain(parentOf(req));
      expect(attribute(req, 'http.request.method')).toBe('GET');
      expect(attribute(req, 'http.response.status_code')).toBe(200);
    }

    for (const span of inTurn) expect(attribute(span, 'chatbet.correlation_id')).toBe(correlationId);
  });
});

describe('OpenTelemetry tracing with the collector unreachable', () => {
  it('still answers turns and shuts down: spans are dropped, never waited on by a turn', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const app = await startApp({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
    try {
      const res = await request(app.url).post('/api/v1/chat/message').send({ message: 'when does Chelsea play next?', user_id: 'trace-down' }).expect(200);
      expect(res.body.detected_intent).toBe('MATCH_SCHEDULE_QUERY');
    } finally {
      await app.close();
    }
  });
});
