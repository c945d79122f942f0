import { Logger } from '@nestjs/common';
import type { RedisClientType } from 'redis';
import { ExpiringMap } from '../../chat/state/expiring-map';
import { requireState } from '../../chat/state/state-unavailable.error';
import type { RedisConnection } from '../../redis/redis-connection';
import type { TurnFrame } from '../chat-events';
import { FrameLog, type FrameLogLimits, followerSilenceMs, frameLogKeys, isTerminal, LogFollower, type TurnFollower, type TurnRef } from './frame-log';

/**
 * The frame log in Redis, so a client can resume on any instance: each turn's frames are a list
 * (expiring a window after the last frame) and each frame is also published on a channel named
 * after the list, in the same MULTI. A follower subscribes first and reads the list second, so a
 * frame is in the list, on the channel or both (counted once by its position), never missed.
 */
export class RedisFrameLog extends FrameLog {
  private readonly logger = new Logger(RedisFrameLog.name);
  /** Frames logged so far per running turn of this instance: a frame's position in its list. */
  private readonly written: ExpiringMap<number>;
  private subscriber?: Promise<RedisClientType>;
  private warned = false;

  constructor(
    private readonly client: RedisClientType,
    private readonly redis: RedisConnection,
    private readonly limits: FrameLogLimits,
    private readonly commandTimeoutMs: number,
  ) {
    super();
    this.written = new ExpiringMap<number>(limits.maxTurns);
  }

  append(turn: TurnRef, frame: TurnFrame): void {
    const key = frameLogKeys.frames(turn);
    const seq = this.written.get(key) ?? 0;
    const terminal = isTerminal(frame);
    if (seq >= this.limits.maxFramesPerTurn && !terminal) return;
    if (terminal) this.written.delete(key);
    else this.written.set(key, seq + 1, this.limits.windowMs);
    const json = JSON.stringify(frame);
    this.client
      .multi()
      .rPush(key, json)
      .pExpire(key, this.limits.windowMs)
      .publish(key, `${seq}:${json}`)
      .exec()
      .then(
        () => (this.warned = false),
        (error: Error) => {
          if (!this.warned) this.logger.warn(`frame log write failed (${error.message}); a reconnecting client may miss this answer`);
          this.warned = true;
        },
      );
  }

  async follow(turn: TurnRef, lastIndex: number | undefined): Promise<TurnFollower | undefined> {
    const key = frameLogKeys.frames(turn);
    const early: Array<[number, TurnFrame]> = [];
    /** Live frames wait in `early` until the stored ones are read and the follower exists. */
    const live: { follower?: LogFollower } = {};
    const listener = (message: string) => {
      const colon = message.indexOf(':');
      const entry: [number, TurnFrame] = [Number(message.slice(0, colon)), JSON.parse(message.slice(colon + 1)) as TurnFrame];
      if (live.follower) live.follower.push(...entry);
      else early.push(entry);
    };
    const unsubscribe = (subscriber: RedisClientType) => void subscriber.unsubscribe(key, listener).catch(() => undefined);
    // Set when the bounded wait gives up, so a subscription that completes later is undone.
    let gaveUp = false;
    const stored = await requireState(this.commandTimeoutMs, async () => {
      const subscriber = await this.subscribed();
      await subscriber.subscribe(key, listener);
      try {
        const frames = await this.client.lRange(key, 0, -1);
        if (frames.length > 0) await this.client.set(frameLogKeys.followed(turn), '1', { PX: this.limits.windowMs });
        if (gaveUp) unsubscribe(subscriber);
        return { subscriber, frames };
      } catch (error) {
        unsubscribe(subscriber);
        throw error;
      }
    }).catch((error: unknown) => {
      gaveUp = true;
      throw error;
    });
    if (stored.frames.length === 0) {
      unsubscribe(stored.subscriber);
      return undefined;
    }
    const frames = stored.frames.map((json) => JSON.parse(json) as TurnFrame);
    const follower = new LogFollower(lastIndex, !frames.some(isTerminal), followerSilenceMs(this.limits), () =>
      unsubscribe(stored.subscriber),
    );
    frames.forEach((frame, seq) => follower.push(seq, frame));
    for (const entry of early) follower.push(...entry);
    live.follower = follower;
    return follower;
  }

  isFollowed(turn: TurnRef): Promise<boolean> {
    return requireState(this.commandTimeoutMs, async () => (await this.client.exists(frameLogKeys.followed(turn))) === 1);
  }

  /** One subscriber connection per instance, opened on the first resume. */
  private subscribed(): Promise<RedisClientType> {
    this.subscriber ??= this.redis.duplicate().catch((error: unknown) => {
      this.subscriber = undefined;
      throw error;
    });
    return this.subscriber;
  }
}
