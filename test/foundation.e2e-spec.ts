import request from 'supertest';
import { createApp } from '../src/bootstrap';
import { InvalidConfigError } from '../src/config/env.schema';
import { startApp, type RunningApp } from './support/app';

describe('foundation (HTTP on an ephemeral port)', () => {
  let running: RunningApp;
  beforeAll(async () => {
    running = await startApp({ MAX_BODY_BYTES: '2048' });
  });
  afterAll(() => running.close());

  it('answers liveness without touching dependencies', async () => {
    const res = await request(running.url).get('/health/live').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', info: {}, error: {} });
  });

  it('reports readiness as the state store alone, and the cache store on /health, in Terminus bodies', async () => {
    const ready = await request(running.url).get('/health/ready').expect(200);
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.details)).toEqual(['conversation_store']);
    const health = await request(running.url).get('/health').expect(200);
    expect(health.body.details.cache).toEqual({ status: 'up', store: 'memory' });
  });

  it('serves the Swagger UI and the OpenAPI document', async () => {
    await request(running.url).get('/docs').expect(200).expect('content-type', /html/);
    const doc = await request(running.url).get('/docs-json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health/live', '/health/ready']));
  });

  it.each(['/no/such/route', '/api/v1/no/such/route'])('answers %s with a 404 ErrorBody', async (path) => {
    const res = await request(running.url).get(path).set('x-request-id', 'trace-abc-1').expect(404);
    expect(res.body).toEqual({ error_code: 'NOT_FOUND', message: expect.any(String), correlation_id: 'trace-abc-1' });
    expect(res.headers['x-request-id']).toBe('trace-abc-1');
  });

  it('generates a correlation id when the caller sends none, or an unsafe one', async () => {
    const res = await request(running.url).get('/nowhere').set('x-request-id', 'bad id with spaces').expect(404);
    expect(res.body.correlation_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers['x-request-id']).toBe(res.body.correlation_id);
  });

  it('answers malformed JSON with 400 INVALID_MESSAGE', async () => {
    const res = await request(running.url)
      .post('/api/v1/anything')
      .set('content-type', 'application/json')
      .send('{"message": ')
      .expect(400);
    expect(res.body.error_code).toBe('INVALID_MESSAGE');
    expect(res.body.correlation_id).toEqual(expect.any(String));
  });

  it('answers an oversized body with 413 MESSAGE_TOO_LONG', async () => {
    const res = await request(running.url)
      .post('/api/v1/anything')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ message: 'x'.repeat(5000) }))
      .expect(413);
    expect(res.body.error_code).toBe('MESSAGE_TOO_LONG');
  });

  it('exposes Prometheus metrics outside the API prefix, including event-loop lag', async () => {
    await request(running.url).get('/health/ready').expect(200);
    const res = await request(running.url).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toContain('nodejs_eventloop_lag_seconds');
    expect(res.text).toContain('# TYPE chatbet_turns_total counter');
    expect(res.text).toContain('# TYPE chatbet_cache_events_total counter');
    expect(res.text).toContain('# TYPE chatbet_connected_sockets gauge');
  });

  it('sets security headers (helmet)', async () => {
    const res = await request(running.url).get('/health/live');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});

describe('boot-time configuration', () => {
  it('refuses to boot with one message naming every bad variable', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { PORT: 'abc', GEMINI_TEMPERATURE: '9', ENVIRONMENT: 'production', API_KEYS: '' });
    try {
      const error = await createApp({ logs: false }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('GEMINI_TEMPERATURE');
      expect(message).toContain('API_KEYS or user tokens (USER_TOKEN_SECRET or USER_TOKEN_JWKS_URL) are required when ENVIRONMENT=production');
    } finally {
      process.env = saved;
    }
  });
});
