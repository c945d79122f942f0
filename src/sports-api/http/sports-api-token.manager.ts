import { Injectable, Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { rawToken, rawValidateUser } from './raw-payloads';
import { UnexpectedPayloadError } from './payload-mapper';
import { SportsApiClientOptions } from './sports-api-client.options';
import type { SportsApiTransport } from './sports-api.transport';
import { isUnauthorized } from './upstream-errors';

export interface SportsApiSession {
  token: string;
  /** The API's id for our user key (validate_user). */
  userId: string;
}

/**
 * Holds the API token. Logs in lazily (validate_user → generate_token), sends the token raw in
 * the `token` header (not `Bearer`, CONTRACT §1), and on a 401 refreshes once and retries the
 * call once. Concurrent callers that hit a 401 together share one refresh.
 */
@Injectable()
export class SportsApiTokenManager {
  private readonly logger = new Logger('SportsApi');
  private current?: SportsApiSession;
  private pending?: Promise<SportsApiSession>;
  /** Each user's id by user key: a key's id does not change, so it is asked once (bounded by recency). */
  private readonly userIds = new LRUCache<string, Promise<string>>({ max: 10_000 });

  constructor(
    private readonly transport: Pick<SportsApiTransport, 'send'>,
    private readonly options: SportsApiClientOptions,
  ) {}

  /** The API's user id for the configured user key (logs in if needed). */
  async userId(): Promise<string> {
    return (await this.session()).userId;
  }

  /** The API's user id for any user key (validate_user), asked once per key; a failure is not kept. */
  userIdFor(userKey: string): Promise<string> {
    if (userKey === this.options.userKey && this.current) return Promise.resolve(this.current.userId);
    let known = this.userIds.get(userKey);
    if (!known) {
      known = this.validateUser(userKey);
      this.userIds.set(userKey, known);
      known.catch(() => this.userIds.delete(userKey));
    }
    return known;
  }

  /** Runs `call` with a valid token; a 401 triggers one shared refresh and one retry. */
  async withToken<T>(call: (session: SportsApiSession) => Promise<T>): Promise<T> {
    const session = await this.session();
    try {
      return await call(session);
    } catch (error) {
      if (!isUnauthorized(error)) throw error;
      return call(await this.refresh(session));
    }
  }

  session(): Promise<SportsApiSession> {
    if (this.current) return Promise.resolve(this.current);
    return this.renew(undefined);
  }

  /** A new token unless someone already replaced the rejected one. */
  refresh(rejected: SportsApiSession): Promise<SportsApiSession> {
    if (this.current && this.current !== rejected) return Promise.resolve(this.current);
    if (!this.pending) this.logger.warn('sports API token rejected (401); getting a new one');
    return this.renew(rejected.userId);
  }

  private renew(knownUserId: string | undefined): Promise<SportsApiSession> {
    this.pending ??= this.login(knownUserId)
      .then((session) => {
        this.current = session;
        return session;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  private async login(knownUserId: string | undefined): Promise<SportsApiSession> {
    const userId = knownUserId ?? (await this.validateUser());
    const raw = await this.transport.send({ method: 'POST', path: '/auth/generate_token', idempotent: true });
    const parsed = rawToken.safeParse(raw);
    if (!parsed.success) throw new UnexpectedPayloadError('generate_token');
    return { token: parsed.data.token, userId };
  }

  private async validateUser(userKey: string = this.options.userKey): Promise<string> {
    const raw = await this.transport.send({
      method: 'GET',
      path: '/auth/validate_user',
      query: { userKey },
    });
    const parsed = rawValidateUser.safeParse(raw);
    if (!parsed.success) throw new UnexpectedPayloadError('validate_user');
    return parsed.data.userId;
  }
}
