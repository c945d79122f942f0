import { setTimeout as sleep } from 'node:timers/promises';
import { createClient, type RedisClientType } from 'redis';
import { freshRedisDb } from '../../../test/support/redis';
import { RedisConnection } from '../../redis/redis-connection';
import type { TurnFrame } from '../chat-events';
import { FrameLog, type FrameLogLimits, ResumeCursor, type TurnFollower, type TurnRef } from './frame-log';
import { MemoryFrameLog } from './memory-frame-log';
import { RedisFrameLog } from './redis-frame-log';

const ids = { session_id: 's1', message_id: 'm1' };
const delta = (index: number, content = `w${index} `): TurnFrame => ({ type: 'assistant_response', ...ids, is_final: false, content, index });
const tool = (name: string): TurnFrame => ({ type: 'tool_call', ...ids, name, arguments: {}, status: 'started' });
const final = (content: string): TurnFrame =>
  ({ type: 'assistant_response', ...ids, is_final: true, content, detected_intent: 'GREETING' }) as unknown as TurnFrame;
const failed: TurnFrame = { type: 'error', ...ids, error_code: 'LLM_UNAVAILABLE', content: 'down', message: 'down', correlation_id: 'c' };
const describeFrame = (frame: TurnFrame) =>
  frame.type === 'assistant_response' ? (frame.is_final ? `final:${frame.content}` : `delta:${frame.index}`) : frame.type === 'tool_call' ? `tool:${frame.name}` : 'error';

describe('ResumeCursor', () => {
  const run = (lastIndex: number | undefined, frames: Array<[number, TurnFrame]>) => {
    const cursor = new ResumeCursor(lastIndex);
    return frames.filter(([seq, frame]) => cursor.accept(seq, frame)).map(([, frame]) => describeFrame(frame));
  };

  it('sends everything to a client that saw no delta', () => {
    expect(run(undefined, [[0, tool('find_match')], [1, delta(0)], [2, delta(1)], [3, final('all')]])).toEqual([
      'tool:find_match',
      'delta:0',
      'delta:1',
      'final:all',
    ]);
  });

  it('skips the deltas the client saw and what was logged before the last of them, keeps what came after', () => {
    const frames: Array<[number, TurnFrame]> = [[0, tool('a')], [1, delta(0)], [2, delta(1)], [3, tool('b')], [4, delta(2)], [5, final('x')]];
    expect(run(1, frames)).toEqual(['tool:b', 'delta:2', 'final:x']);
    expect(run(0, frames)).toEqual(['delta:1', 'tool:b', 'delta:2', 'final:x']);
  });

  it('counts a frame heard twice (stored list and live channel) once, and nothing after the final', () => {
    expect(run(0, [[0, delta(0)], [1, delta(1)], [1, delta(1)], [0, delta(0)], [2, failed], [3, delta(2)]])).toEqual(['delta:1', 'error']);
  });

  it('still sends the final when the client saw deltas the log no longer has', () => {
    expect(run(7, [[0, delta(0)], [1, tool('late')], [2, final('whole answer')]])).toEqual(['final:whole answer']);
  });
});

const LIMITS: FrameLogLimits = { windowMs: 60_000, maxFramesPerTurn: 16, maxTurns: 100 };

/** Collects what a follower sends until its final or error, or until it reports the turn lost. */
function collect(follower: TurnFollower): { frames: TurnFrame[]; ended: Promise<void>; lost: Promise<void> } {
  const frames: TurnFrame[] = [];
  let end = () => {};
  let lose = () => {};
  const ended = new Promise<void>((resolve) => (end = resolve));
  const lost = new Promise<void>((resolve) => (lose = resolve));
  follower.start((frame) => {
    frames.push(frame);
    if (frame.type === 'error' || (frame.type === 'assistant_response' && frame.is_final)) end();
  }, lose);
  return { frames, ended, lost };
}

function frameLogContract(name: string, make: (limits: FrameLogLimits) => Promise<FrameLog>) {
  describe(name, () => {
    let turnCount = 0;
    const aTurn = (): TurnRef => ({ userId: 'u1', sessionId: 's1', messageId: `m${++turnCount}` });

    it('knows nothing of a turn it never logged, nor of a logged turn asked for by another user', async () => {
      const log = await make(LIMITS);
      const turn = aTurn();
      expect(await log.follow(turn, undefined)).toBeUndefined();
      log.append(turn, delta(0));
      expect(await log.follow({ ...turn, userId: 'u2' }, undefined)).toBeUndefined();
      expect(await log.follow({ ...turn, sessionId: 's2' }, undefined)).toBeUndefined();
      expect(await log.follow(turn, undefined)).toBeDefined();
    });

    it('resumes a running turn after the last delta seen, then follows it live to its final, each frame once', async () => {
      const log = await make(LIMITS);
      const turn = aTurn();
      [tool('find_match'), delta(0), delta(1), delta(2)].forEach((frame) => log.append(turn, frame));
      expect(await log.isFollowed(turn)).toBe(false);
      const follower = (await log.follow(turn, 1))!;
      expect(follower.running).toBe(true);
      expect(await log.isFollowed(turn)).toBe(true);
      // Frames logged between the lookup and the start are held, not lost.
      log.append(turn, delta(3));
      const seen = collect(follower);
      log.append(turn, tool('get_odds'));
      log.append(turn, delta(4));
      log.append(turn, final('w0 w1 w2 w3 w4 '));
      await seen.ended;
      expect(seen.frames.map(describeFrame)).toEqual(['delta:2', 'delta:3', 'tool:get_odds', 'delta:4', 'final:w0 w1 w2 w3 w4 ']);
    });

    it('replays a finished turn: the frames after the last delta seen and its final, marked not running', async () => {
      const log = await make(LIMITS);
      const turn = aTurn();
      [delta(0), delta(1), final('w0 w1 ')].forEach((frame) => log.append(turn, frame));
      const follower = (await log.follow(turn, 0))!;
      expect(follower.running).toBe(false);
      const seen = collect(follower);
      await seen.ended;
      expect(seen.frames.map(describeFrame)).toEqual(['delta:1', 'final:w0 w1 ']);
    });

    it('keeps at most maxFramesPerTurn frames of a turn, and always its final or error', async () => {
      const log = await make({ ...LIMITS, maxFramesPerTurn: 3 });
      const turn = aTurn();
      for (let index = 0; index < 6; index++) log.append(turn, delta(index));
      log.append(turn, failed);
      const seen = collect((await log.follow(turn, undefined))!);
      await seen.ended;
      expect(seen.frames.map(describeFrame)).toEqual(['delta:0', 'delta:1', 'delta:2', 'error']);
    });

    it('forgets a turn a window after its last frame', async () => {
      const log = await make({ ...LIMITS, windowMs: 40 });
      const turn = aTurn();
      log.append(turn, delta(0));
      expect(await log.follow(turn, undefined)).toBeDefined();
      await sleep(120);
      expect(await log.follow(turn, undefined)).toBeUndefined();
    });

    it('reports a followed turn lost when it stays silent (its instance is gone), and sends nothing after', async () => {
      const log = await make({ ...LIMITS, windowMs: 40 });
      const turn = aTurn();
      log.append(turn, delta(0));
      const seen = collect((await log.follow(turn, undefined))!);
      await seen.lost;
      log.append(turn, final('too late'));
      await sleep(20);
      expect(seen.frames.map(describeFrame)).toEqual(['delta:0']);
    });

    it('stops following when closed: later frames are not sent', async () => {
      const log = await make(LIMITS);
      const turn = aTurn();
      log.append(turn, delta(0));
      const follower = (await log.follow(turn, undefined))!;
      const sent: TurnFrame[] = [];
      follower.start(
        (frame) => sent.push(frame),
        () => sent.push(failed),
      );
      // A second follower proves the later frames were logged and published.
      const witness = collect((await log.follow(turn, 0))!);
      follower.close();
      log.append(turn, delta(1));
      log.append(turn, final('w0 w1 '));
      await witness.ended;
      expect(sent.map(describeFrame)).toEqual(['delta:0']);
      expect(witness.frames.map(describeFrame)).toEqual(['delta:1', 'final:w0 w1 ']);
    });
  });
}

frameLogContract('MemoryFrameLog', (limits) => Promise.resolve(new MemoryFrameLog(limits)));

describe('MemoryFrameLog bounds', () => {
  it('keeps at most maxTurns turns, dropping the oldest', async () => {
    const log = new MemoryFrameLog({ ...LIMITS, maxTurns: 2 });
    const turns = [1, 2, 3].map((n): TurnRef => ({ userId: 'u', sessionId: 's', messageId: `bound-${n}` }));
    for (const turn of turns) log.append(turn, delta(0));
    expect(await log.follow(turns[0], undefined)).toBeUndefined();
    expect(await log.follow(turns[1], undefined)).toBeDefined();
    expect(await log.follow(turns[2], undefined)).toBeDefined();
  });
});

describe('RedisFrameLog (real redis-server, two instances)', () => {
  const connections: RedisConnection[] = [];
  let url: string;
  beforeAll(async () => {
    url = await freshRedisDb();
  });
  afterAll(async () => {
    for (const connection of connections) await connection.onModuleDestroy();
  });
  const instance = async (limits: FrameLogLimits) => {
    const connection = new RedisConnection({ url, password: undefined, commandTimeoutMs: 1000 });
    connections.push(connection);
    await connection.onModuleInit();
    return new RedisFrameLog(connection.client!, connection, limits, 1000);
  };

  frameLogContract('contract', instance);

  it('lets a client resume on another instance the turn this one is writing', async () => {
    const writer = await instance(LIMITS);
    const reader = await instance(LIMITS);
    const turn: TurnRef = { userId: 'u:1', sessionId: 'S:messages', messageId: 'across' };
    [delta(0), delta(1)].forEach((frame) => writer.append(turn, frame));
    const follower = (await reader.follow(turn, 0))!;
    expect(follower.running).toBe(true);
    expect(await writer.isFollowed(turn)).toBe(true);
    const seen = collect(follower);
    writer.append(turn, delta(2));
    writer.append(turn, final('w0 w1 w2 '));
    await seen.ended;
    expect(seen.frames.map(describeFrame)).toEqual(['delta:1', 'delta:2', 'final:w0 w1 w2 ']);
  });

  it('keeps each turn in one list that expires, under the app prefix', async () => {
    const log = await instance(LIMITS);
    const turn: TurnRef = { userId: 'u', sessionId: 's', messageId: 'keys' };
    log.append(turn, delta(0));
    await log.follow(turn, undefined);
    const client: RedisClientType = createClient({ url });
    await client.connect();
    try {
      const keys = await client.keys('*frames:u:s:*');
      expect(keys.sort()).toEqual(['chatbet:v1:chat:frames:u:s:keys', 'chatbet:v1:chat:frames:u:s:keys:followed']);
      for (const key of keys) expect(await client.pTTL(key)).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
