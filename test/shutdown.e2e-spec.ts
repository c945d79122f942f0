import { createClient } from 'redis';
import { io } from 'socket.io-client';
import request from 'supertest';
import { type RunningSimulator, startSimulator } from '../libs/sports-api-simulator/src';
import { type ChildService, startChildService } from './support/child-service';
import { connectSocket, connectWs, type Frame } from './support/fakes/socket-clients';
import { freePort } from './support/global-setup';
import { eventually, OwnRedis, readinessIs } from './support/resilient-app';

const GRACE_MS = 1500;

/** SIGTERM to the real service process, with a turn running and a socket open. */
describe('graceful shutdown on SIGTERM (child process)', () => {
  let sim: RunningSimulator;
  let redis: OwnRedis;
  let service: ChildService;
  beforeAll(async () => {
    sim = await startSimulator({ host: '127.0.0.1', port: 0 });
    redis = new OwnRedis(await freePort());
    await redis.start();
    service = await startChildService({
      CHATBET_API_BASE_URL: sim.url,
      REDIS_URL: redis.url,
      LLM_PROVIDER: 'offline',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
    });
  }, 60_000);
  afterAll(async () => {
    service?.kill();
    await sim?.close();
    await redis?.stop();
  });

  const connectedClients = async () => {
    const admin = createClient({ url: redis.url });
    await admin.connect();
    try {
      const info = await admin.info('clients');
      return Number(/connected_clients:(\d+)/.exec(info)![1]) - 1; // not counting this one
    } finally {
      await admin.close();
    }
  };

  it('finishes the running turn with a stopped final, closes idle clients of every transport, refuses newcomers, closes Redis, exits 0', async () => {
    await eventually(readinessIs(service.url, 200), 'child service ready');
    process.stdout.write(`shutdown test: service started from source in ${service.startupMs} ms\n`);
    expect(await connectedClients()).toBeGreaterThan(0);

    // Idle clients of both socket transports: neither may hold the process past the grace.
    const idleWs = await connectWs(service.url, '/ws/chat?user_id=sd-idle-ws');
    const idleSocket = await connectSocket(service.url, { user_id: 'sd-idle-io' });
    const idleSocketGone = new Promise<string>((resolve) => idleSocket.socket.once('disconnect', (reason) => resolve(reason)));

    const client = await connectSocket(service.url, { user_id: 'sd-user' });
    const disconnected = new Promise<string>((resolve) => client.socket.once('disconnect', (reason) => resolve(reason)));
    // The balance is never cached, so the turn waits on the (now slow) API past the grace period.
    sim.faults.set({ latencyMs: 3 * GRACE_MS, paths: ['/auth/get_user_balance'] });
    expect(await client.ack('user_message', { content: 'What is my balance?', message_id: 'sd-m1' })).toMatchObject({ accepted: true });
    await eventually(async () => client.events.some((e) => e.event === 'tool_call' && e.payload.status === 'started'), 'turn running');

    const signalledAt = Date.now();
    service.child.kill('SIGTERM');
    await service.waitForLine(/draining 1 running turn/);

    // While draining, a new Socket.IO connection is refused (it belongs on another instance).
    const refused = await new Promise<{ data?: { error_code?: string } }>((resolve, reject) => {
      const late = io(`${service.url}/chat`, { transports: ['websocket'], auth: { user_id: 'sd-late' }, reconnection: false, forceNew: true });
      late.once('connect', () => reject(new Error('a new connection was accepted during shutdown')));
      late.once('connect_error', (error) => {
        late.close();
        resolve(error);
      });
    });
    expect(refused.data?.error_code).toBe('LLM_UNAVAILABLE');

    const frames: Frame[] = await client.turn('sd-m1');
    const endings = frames.filter((f) => f.event === 'error' || (f.event === 'assistant_response' && f.is_final));
    expect(endings).toHaveLength(1);
    expect(endings[0]).toMatchObject({ event: 'assistant_response', is_final: true, stopped: true });

    // A transport close (not an io-server disconnect) is what makes socket.io-client reconnect by itself.
    expect(await disconnected).toBe('transport close');
    client.close();
    // 1001 "going away": the plain-WebSocket client is told to reconnect elsewhere.
    expect((await idleWs.closed).code).toBe(1001);
    expect(await idleSocketGone).toBe('transport close');
    idleSocket.close();

    let bound: NodeJS.Timeout | undefined;
    const exit = await Promise.race([
      service.exited,
      // Generous: the bound is the grace itself, the rest is a loaded test machine.
      new Promise<'still running'>((resolve) => (bound = setTimeout(() => resolve('still running'), GRACE_MS + 10_000))),
    ]).finally(() => clearTimeout(bound));
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(GRACE_MS + 10_000);
    expect(await connectedClients()).toBe(0);
    await expect(request(service.url).get('/health/live')).rejects.toThrow();
    expect(service.output()).not.toMatch(/Error during shutdown|UnhandledPromiseRejection|ERR_SERVER_NOT_RUNNING|did not finish within/);
  }, 60_000);
});
