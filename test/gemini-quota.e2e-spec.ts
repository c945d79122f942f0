import request from 'supertest';
import { LlmUnavailableError } from '../src/common/errors';
import { ModelCallLimiter } from '../src/llm/model/model-call-limiter';
import { createChatModel } from '../src/llm/model/chat-model.factory';
import { startApp } from './support/app';
import { type GeminiScript, type GeminiTestServer, startGeminiServer } from './support/gemini-server';
import { buildAgent } from './support/llm/agent-harness';
import { FakeSportsData } from './support/llm/fake-sports-data';
import { geminiAgent, geminiSettings } from './support/llm/gemini-agent';

/** Gemini's 429 for an exhausted quota, as the API sends it: QuotaFailure and RetryInfo in the details. */
const quotaExhausted = (retryDelay?: string, headers?: Record<string, string>): GeminiScript => ({
  kind: 'status',
  status: 429,
  message: 'You exceeded your current quota, please check your plan and billing details.',
  details: [
    {
      '@type': 'type.googleapis.com/google.rpc.QuotaFailure',
      violations: [{ quotaMetric: 'generativelanguage.googleapis.com/generate_content_free_tier_requests', quotaId: 'PerMinute' }],
    },
    ...(retryDelay ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay }] : []),
  ],
  ...(headers ? { headers } : {}),
});
const answer: GeminiScript = { kind: 'stream', chunks: [{ text: 'Here you go.' }] };
const hi = { message: 'hi', intent: 'GREETING' as const };

async function failure(promise: Promise<unknown>): Promise<LlmUnavailableError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof LlmUnavailableError)) throw new Error(`expected LLM_UNAVAILABLE, got ${String(error)}`);
  return error;
}

/**
 * Quota-aware retries through the strict local server: the wait Gemini asks for (RetryInfo,
 * Retry-After) is honoured when the turn can afford it and refused at once when it cannot, and a
 * process-wide request limiter queues a burst or refuses what would wait too long. Waits are
 * short by configuration; a long one is asserted by the turn failing fast, never by a clock.
 */
describe('Gemini quota: RetryInfo, Retry-After and the request limiter', () => {
  let server: GeminiTestServer;

  beforeEach(async () => {
    server = await startGeminiServer();
  });
  afterEach(async () => {
    await server.stop();
  });

  it("waits the RetryInfo delay before asking again, charged to the turn's wait budget", async () => {
    // 300 ms of budget: the first 0.2 s wait fits, a second one does not.
    server.enqueue(quotaExhausted('0.2s'), answer);
    const { result } = await geminiAgent(server, undefined, { maxWaitMs: 300 }).turn(hi);
    expect(result.text).toBe('Here you go.');
    expect(server.requests).toHaveLength(2);

    server.requests.length = 0;
    server.enqueue(quotaExhausted('0.2s'), quotaExhausted('0.2s'), answer);
    const error = await failure(geminiAgent(server, undefined, { maxWaitMs: 300 }).turn(hi));
    // Asked once more after the first wait; the second wait was more than the 100 ms left.
    expect(server.requests).toHaveLength(2);
    expect(error.retryAfterSeconds).toBe(1);
  });

  it('gives up at once when Gemini asks for a longer wait than the turn can afford, passing the wait on', async () => {
    server.always(quotaExhausted('30s'));
    const error = await failure(geminiAgent(server, undefined, { maxWaitMs: 10_000, maxRetries: 2 }).turn(hi));
    expect(server.requests).toHaveLength(1);
    expect(error.retryAfterSeconds).toBe(30);
    expect(error.details).toEqual({ retry_after_s: 30 });
  });

  it('reads a Retry-After header the same way', async () => {
    server.always({ kind: 'status', status: 503, message: 'overloaded', headers: { 'retry-after': '45' } });
    const error = await failure(geminiAgent(server, undefined, { maxWaitMs: 10_000 }).turn(hi));
    expect(server.requests).toHaveLength(1);
    expect(error.retryAfterSeconds).toBe(45);
  });

  it('when retries run out, the last wait Gemini asked for is the hint', async () => {
    server.always(quotaExhausted('0.05s'));
    const error = await failure(geminiAgent(server, undefined, { maxRetries: 2 }).turn(hi));
    expect(server.requests).toHaveLength(3);
    expect(error.retryAfterSeconds).toBe(1);
  });

  it('a 5xx without any hint still gets backoff retries, and no hint is invented', async () => {
    server.always({ kind: 'status', status: 500, message: 'internal' });
    const error = await failure(geminiAgent(server, undefined, { maxRetries: 1 }).turn(hi));
    expect(server.requests).toHaveLength(2);
    expect(error.retryAfterSeconds).toBeUndefined();
    expect(error.details).toBeUndefined();
  });

  it('a stop during a long RetryInfo wait ends the turn at once as stopped', async () => {
    // Were the wait deaf to the stop, this turn would outlive the test's time limit.
    server.always(quotaExhausted('60s'));
    const { turn } = geminiAgent(server, undefined, { maxWaitMs: 120_000 });
    const controller = new AbortController();
    const running = turn(hi, controller.signal);
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // Time for the 429 to arrive, so the stop comes during the wait rather than the request.
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort();
    const { result } = await running;
    expect(result.stopped).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('the limiter queues a burst the turn can wait for, and refuses at once what it cannot', async () => {
    server.always(answer);
    const model = createChatModel(geminiSettings(server));
    // One request per 200 ms window: the second of two turns started together must queue.
    const limiter = new ModelCallLimiter(1, 200);
    const queued = buildAgent(new FakeSportsData(), model, { maxWaitMs: 5_000 }, limiter);
    const results = await Promise.all([queued.turn(hi), queued.turn(hi)]);
    expect(results.map((r) => r.result.text)).toEqual(['Here you go.', 'Here you go.']);
    expect(server.requests).toHaveLength(2);

    const hurried = buildAgent(new FakeSportsData(), model, { maxWaitMs: 0 }, new ModelCallLimiter(1, 60_000));
    await hurried.turn(hi);
    const refused = await failure(hurried.turn(hi));
    expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    // The refused turn never reached Gemini.
    expect(server.requests).toHaveLength(3);
  });

  it('in the app: GEMINI_REQUESTS_PER_MINUTE is shared by all turns, and REST says 503 LLM_UNAVAILABLE with Retry-After', async () => {
    server.always(answer);
    const running = await startApp({
      LLM_PROVIDER: 'gemini',
      GOOGLE_API_KEY: 'quota-key',
      GEMINI_BASE_URL: server.url,
      GEMINI_REQUESTS_PER_MINUTE: '1',
      LLM_MAX_WAIT_MS: '2000',
    });
    try {
      const http = request(running.app.getHttpServer());
      await http.post('/api/v1/chat/message').send({ user_id: 'u-quota-1', message: 'hello' }).expect(200);
      // Another user, another session: the limit is the process's, not a session's.
      const refused = await http.post('/api/v1/chat/message').send({ user_id: 'u-quota-2', message: 'hello' }).expect(503);
      expect(refused.body).toMatchObject({ error_code: 'LLM_UNAVAILABLE', details: { retry_after_s: expect.any(Number) } });
      const hint = refused.body.details.retry_after_s as number;
      expect(hint).toBeGreaterThan(2);
      expect(hint).toBeLessThanOrEqual(60);
      expect(refused.headers['retry-after']).toBe(String(hint));
      expect(server.requests).toHaveLength(1);
    } finally {
      await running.close();
    }
  });
});
