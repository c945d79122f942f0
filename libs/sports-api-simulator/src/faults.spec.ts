// Fault injection (latency, errors, hang, down) and the upstream call counter, over real HTTP.
import { faultsFromEnv } from './faults';
import { startSimulator, type RunningSimulator } from './index';
import { getJson, postJson } from './spec-support';

describe('sports API simulator: fault injection', () => {
  let simulator: RunningSimulator;

  beforeEach(async () => {
    simulator = await startSimulator();
  });
  afterEach(() => simulator.close());

  it('answers every call with the configured status when the error rate is 1', async () => {
    simulator.faults.set({ errorRate: 1 });
    const first = await fetch(`${simulator.url}/sports`);
    expect(first.status).toBe(503);
    expect(await first.json()).toHaveProperty('detail');

    simulator.faults.set({ status: 500 });
    expect((await fetch(`${simulator.url}/sports/odds`)).status).toBe(500);

    simulator.faults.reset();
    expect((await fetch(`${simulator.url}/sports`)).status).toBe(200);
  });

  it('fails about the configured share of calls', async () => {
    simulator.faults.set({ errorRate: 0.5 });
    const statuses: number[] = [];
    for (let i = 0; i < 200; i += 1) statuses.push((await fetch(`${simulator.url}/sports`)).status);
    const failed = statuses.filter((s) => s === 503).length;
    expect(failed).toBeGreaterThan(60);
    expect(failed).toBeLessThan(140);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
  });

  it('limits faults to the listed paths, set through the admin route', async () => {
    const set = await postJson(`${simulator.url}/__admin/faults`, {
      errorRate: 1,
      status: 502,
      paths: ['/sports/odds'],
    });
    expect(set.body).toMatchObject({ errorRate: 1, status: 502, paths: ['/sports/odds'] });
    expect((await fetch(`${simulator.url}/sports/odds`)).status).toBe(502);
    expect((await fetch(`${simulator.url}/sports`)).status).toBe(200);
    // Admin routes stay reachable whatever the faults.
    expect((await getJson(`${simulator.url}/__admin/stats`)).status).toBe(200);
  });

  it('adds latency: a client with a shorter timeout gives up, a patient one gets data', async () => {
    simulator.faults.set({ latencyMs: 400 });
    await expect(fetch(`${simulator.url}/sports`, { signal: AbortSignal.timeout(50) })).rejects.toThrow();
    const patient = await fetch(`${simulator.url}/sports`);
    expect(patient.status).toBe(200);
    expect(Array.isArray(await patient.json())).toBe(true);
  });

  it('hangs until the client aborts, and still closes cleanly', async () => {
    simulator.faults.set({ hang: true });
    await expect(
      fetch(`${simulator.url}/sports/odds`, { signal: AbortSignal.timeout(200) }),
    ).rejects.toMatchObject({
      name: 'TimeoutError',
    });
    // A request left hanging must not keep close() waiting.
    const pending = fetch(`${simulator.url}/sports`).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await simulator.close();
    simulator = await startSimulator();
    expect(await pending).toMatchObject({ message: 'fetch failed' });
  });

  it('refuses connections when down, until reset through the admin route', async () => {
    simulator.faults.set({ down: true });
    await expect(fetch(`${simulator.url}/sports`)).rejects.toThrow(/fetch failed/);
    await postJson(`${simulator.url}/__admin/reset`, {});
    expect((await fetch(`${simulator.url}/sports`)).status).toBe(200);
  });

  it('reads its start-up faults from SIMULATOR_* variables', async () => {
    expect(
      faultsFromEnv({
        SIMULATOR_LATENCY_MS: '250',
        SIMULATOR_ERROR_RATE: '0.2',
        SIMULATOR_ERROR_STATUS: '504',
        SIMULATOR_HANG: 'false',
        SIMULATOR_DOWN: 'true',
      }),
    ).toEqual({ latencyMs: 250, errorRate: 0.2, status: 504, hang: false, down: true });
    expect(faultsFromEnv({})).toEqual({});

    await simulator.close();
    simulator = await startSimulator({
      faults: faultsFromEnv({ SIMULATOR_ERROR_RATE: '1', SIMULATOR_ERROR_STATUS: '504' }),
    });
    expect((await fetch(`${simulator.url}/sports`)).status).toBe(504);
  });
});

describe('sports API simulator: upstream call stats', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator();
  });
  afterAll(() => simulator.close());

  it('counts upstream calls per path, not admin calls, and resets', async () => {
    await Promise.all(Array.from({ length: 5 }, () => fetch(`${simulator.url}/sports/odds?fixtureId=1`)));
    await fetch(`${simulator.url}/sports`);
    await fetch(`${simulator.url}/__admin/stats`);
    expect(simulator.stats()).toEqual({ total: 6, byPath: { '/sports/odds': 5, '/sports': 1 } });
    expect((await getJson(`${simulator.url}/__admin/stats`)).body).toEqual(simulator.stats());

    simulator.resetStats();
    expect(simulator.stats()).toEqual({ total: 0, byPath: {} });

    // Failed calls still reached the upstream, so they count too.
    simulator.faults.set({ errorRate: 1 });
    await fetch(`${simulator.url}/sports/odds`);
    expect(simulator.stats().byPath['/sports/odds']).toBe(1);
    await postJson(`${simulator.url}/__admin/reset`, {});
    expect(simulator.stats()).toEqual({ total: 0, byPath: {} });
    expect((await fetch(`${simulator.url}/sports/odds`)).status).toBe(200);
  });
});
