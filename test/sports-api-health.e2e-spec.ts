import request from 'supertest';
import { type RunningSimulator, startSimulator } from '../libs/sports-api-simulator/src';
import { SportsApiEndpoint } from '../src/sports-api/sports-api.endpoint';
import { SportsQueries } from '../src/sports-api/sports-queries.service';
import { startApp } from './support/app';

describe('sports_api health and the embedded simulator (real app)', () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => sim.close());
  afterEach(() => sim.faults.reset());

  it('reports sports_api up when the configured API answers', async () => {
    const app = await startApp({ CHATBET_API_BASE_URL: sim.url });
    try {
      const res = await request(app.url).get('/health').expect(200);
      expect(res.body.details.sports_api).toEqual({ status: 'up', breaker: 'closed' });
      expect(app.app.get(SportsApiEndpoint)).toMatchObject({ baseUrl: sim.url, embedded: false });
    } finally {
      await app.close();
    }
  });

  it('shows sports_api down on /health (503) but stays ready when the API is unreachable', async () => {
    sim.faults.set({ down: true });
    const app = await startApp({ CHATBET_API_BASE_URL: sim.url });
    try {
      const res = await request(app.url).get('/health').expect(503);
      expect(res.body.status).toBe('error');
      expect(res.body.details.sports_api.status).toBe('down');
      expect(res.body.details.cache.status).toBe('up');
      // Every instance shares the API and answers degraded without it: none leaves the balancer.
      const ready = await request(app.url).get('/health/ready').expect(200);
      expect(ready.body.details.sports_api).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('tries, backs off and opens the circuit as SPORTS_API_* configure it', async () => {
    const app = await startApp({
      CHATBET_API_BASE_URL: sim.url,
      SPORTS_API_ATTEMPTS: '2',
      SPORTS_API_RETRY_DELAY_MS: '0',
      SPORTS_API_BREAKER_THRESHOLD: '2',
      SPORTS_API_BREAKER_HALF_OPEN_MS: '60000',
    });
    try {
      const queries = app.app.get(SportsQueries);
      // Let the boot-time catalogue load finish first: its successes would reset the failure count.
      await queries.catalogue();
      sim.faults.set({ errorRate: 1, status: 503, paths: ['/sports'] });
      sim.resetStats();
      // Two tries (not the default three), both failing: two consecutive failures open the circuit.
      await expect(queries.sports('en')).rejects.toThrow();
      expect(sim.stats().byPath['/sports']).toBe(2);
      const res = await request(app.url).get('/health').expect(503);
      expect(res.body.details.sports_api).toMatchObject({ status: 'down', breaker: 'open' });
      // Open for a minute: the next call fails fast without reaching the API.
      await expect(queries.sports('en')).rejects.toThrow();
      expect(sim.stats().byPath['/sports']).toBe(2);
      // Operators see the same story on /metrics: each attempt by endpoint and status, the breaker open.
      const metrics = (await request(app.url).get('/metrics').expect(200)).text;
      expect(metrics).toContain('chatbet_sports_api_requests_total{endpoint="/sports",status="503"} 2');
      expect(metrics).toMatch(/chatbet_sports_api_requests_total\{endpoint="\/sports\/[a-z-]+",status="200"\} [1-9]/);
      expect(metrics).toContain('chatbet_sports_api_breaker_state 2');
    } finally {
      await app.close();
    }
  });

  it('starts the embedded simulator when CHATBET_API_BASE_URL is unset, and stops it on close', async () => {
    const app = await startApp({ CHATBET_API_BASE_URL: undefined, SIMULATOR_PORT: '0' });
    let embeddedUrl: string;
    try {
      const endpoint = app.app.get(SportsApiEndpoint);
      expect(endpoint.embedded).toBe(true);
      embeddedUrl = endpoint.baseUrl;
      expect(embeddedUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await request(app.url).get('/health').expect(200);
      expect(res.body.details.sports_api.status).toBe('up');
      const { data } = await app.app.get(SportsQueries).fixtures({ teams: ['Arsenal'] });
      expect(data.length).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
    await expect(fetch(`${embeddedUrl}/sports`)).rejects.toThrow();
  });
});
