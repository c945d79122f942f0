import { ExpiringMap } from '../../chat/state/expiring-map';
import type { TurnFrame } from '../chat-events';
import { FrameLog, type FrameLogLimits, followerSilenceMs, frameLogKeys, isTerminal, LogFollower, type TurnFollower, type TurnRef } from './frame-log';

interface LoggedTurn {
  frames: TurnFrame[];
  followers: Set<LogFollower>;
  followed: boolean;
}

/** One instance's frame log (no Redis): at most `maxTurns` turns, each kept for the window after its last frame. */
export class MemoryFrameLog extends FrameLog {
  private readonly turns: ExpiringMap<LoggedTurn>;

  constructor(private readonly limits: FrameLogLimits) {
    super();
    this.turns = new ExpiringMap<LoggedTurn>(limits.maxTurns);
  }

  append(turn: TurnRef, frame: TurnFrame): void {
    const key = frameLogKeys.frames(turn);
    const logged = this.turns.get(key) ?? { frames: [], followers: new Set(), followed: false };
    if (logged.frames.length >= this.limits.maxFramesPerTurn && !isTerminal(frame)) return;
    const seq = logged.frames.length;
    logged.frames.push(frame);
    this.turns.set(key, logged, this.limits.windowMs);
    for (const follower of logged.followers) follower.push(seq, frame);
  }

  follow(turn: TurnRef, lastIndex: number | undefined): Promise<TurnFollower | undefined> {
    const logged = this.turns.get(frameLogKeys.frames(turn));
    if (!logged) return Promise.resolve(undefined);
    logged.followed = true;
    const follower: LogFollower = new LogFollower(lastIndex, !logged.frames.some(isTerminal), followerSilenceMs(this.limits), () =>
      logged.followers.delete(follower),
    );
    logged.frames.forEach((frame, seq) => follower.push(seq, frame));
    logged.followers.add(follower);
    return Promise.resolve(follower);
  }

  isFollowed(turn: TurnRef): Promise<boolean> {
    return Promise.resolve(this.turns.get(frameLogKeys.frames(turn))?.followed ?? false);
  }
}
