import type { AddressInfo, Socket } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { CorkingWebSocketServer, rawSocketOf, webSocketServerClass } from './ws-internals';

/** Starts a server, connects a client, and counts the writes the server's TCP socket makes. */
async function connect(ServerClass: new (options: { port: number; host: string }) => WebSocketServer) {
  const server = new ServerClass({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const accepted = new Promise<WebSocket>((resolve) => server.once('connection', resolve));
  const client = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`);
  const received: string[] = [];
  client.on('message', (data: Buffer) => received.push(data.toString()));
  await new Promise((resolve) => client.once('open', resolve));
  const socket = await accepted;
  const raw = (socket as unknown as { _socket: Socket & { _write: unknown; _writev: unknown } })._socket;
  let writes = 0;
  for (const method of ['_write', '_writev'] as const) {
    const original = raw[method] as (...args: unknown[]) => void;
    raw[method] = (...args: unknown[]) => {
      writes++;
      original.apply(raw, args);
    };
  }
  const close = async () => {
    client.close();
    await new Promise((resolve) => server.close(resolve));
  };
  return { socket, received, writes: () => writes, close };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('CorkingWebSocket', () => {
  it('sends the frames of one tick in a single write, in order', async () => {
    const { socket, received, writes, close } = await connect(CorkingWebSocketServer);
    for (const text of ['one', 'two', 'three']) socket.send(text);
    await until(() => received.length === 3);
    expect(received).toEqual(['one', 'two', 'three']);
    expect(writes()).toBe(1);

    // The next tick starts a new write: nothing waits for a later frame.
    socket.send('four');
    await until(() => received.length === 4);
    expect(writes()).toBe(2);
    await close();
  });

  it('is what the plain ws server would do frame by frame otherwise', async () => {
    const { socket, received, writes, close } = await connect(WebSocketServer);
    for (const text of ['one', 'two', 'three']) socket.send(text);
    await until(() => received.length === 3);
    expect(writes()).toBe(3);
    await close();
  });
});

/**
 * Contract: the `ws` internal ws-internals.ts relies on. If an upgrade moves or renames the raw
 * socket, this fails by name (corking would silently stop); LIBRARY_FAST_PATHS=false serves with
 * the plain ws server meanwhile.
 */
describe('contract: ws internals behind ws-internals.ts', () => {
  afterEach(() => {
    delete process.env.LIBRARY_FAST_PATHS;
  });

  it('an accepted WebSocket keeps its TCP socket, corkable, in _socket', async () => {
    const { socket, close } = await connect(WebSocketServer);
    const raw = rawSocketOf(socket);
    expect(raw).toBeDefined();
    expect(typeof raw?.cork).toBe('function');
    expect(typeof raw?.uncork).toBe('function');
    expect(raw?.remotePort).toBeGreaterThan(0);
    await close();
  });

  it('serves with the plain ws server when the library fast paths are off', () => {
    expect(webSocketServerClass()).toBe(CorkingWebSocketServer);
    process.env.LIBRARY_FAST_PATHS = 'false';
    expect(webSocketServerClass()).toBe(WebSocketServer);
  });
});
