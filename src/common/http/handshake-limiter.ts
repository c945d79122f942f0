import type { IncomingMessage } from 'node:http';
import { RestThrottlerStorage } from '../../chat/throttling/rest-throttler.storage';

const WINDOW_MS = 60_000;

/** Express's compiled TRUST_PROXY rule (its `trust proxy fn` setting): may hop `i` at `addr` be believed? */
export type TrustProxyRule = (addr: string, i: number) => boolean;

/**
 * SOCKET_CONNECTIONS_PER_MINUTE per client address for Socket.IO handshakes and /ws/chat
 * upgrades, on the REST limit's counters. The address is found the way Express finds `req.ip`
 * (walk X-Forwarded-For from our peer outwards while each hop is a trusted proxy), so TRUST_PROXY
 * means the same thing for sockets as for REST.
 */
export class HandshakeLimiter {
  constructor(
    private readonly counters: RestThrottlerStorage,
    private readonly perMinute: number,
    private readonly trust: TrustProxyRule,
  ) {}

  /** Counts one handshake; false when this address is over its budget. */
  async admits(req: IncomingMessage): Promise<boolean> {
    const record = await this.counters.increment(`socket:handshakes:${this.clientAddress(req)}`, WINDOW_MS, this.perMinute, WINDOW_MS, 'handshake');
    return !record.isBlocked;
  }

  clientAddress(req: IncomingMessage): string {
    const forwarded = req.headers['x-forwarded-for'];
    const claimed = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').map((a) => a.trim()).filter(Boolean);
    const hops = [req.socket.remoteAddress ?? 'unknown', ...claimed.reverse()];
    for (let i = 0; i < hops.length - 1; i++) if (!this.trust(hops[i], i)) return hops[i];
    return hops[hops.length - 1];
  }
}
