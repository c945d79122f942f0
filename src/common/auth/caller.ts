import { ForbiddenError } from '../errors';
import type { SportsAccount } from '../../sports-api/domain';

/**
 * Who sent a request, once its credentials are checked. A user with a token acts only as the
 * token's subject and bets only on their own sportsbook account; a trusted client (an API key, or
 * no authentication configured) speaks for its users, so a `user_id` is taken as given
 * (protocol §2).
 */
export class Caller {
  private constructor(
    /** The token's subject; undefined for a trusted client. */
    readonly verifiedUserId: string | undefined,
    private readonly accountKey: string | undefined,
    private readonly refused: () => void,
  ) {}

  static user(userId: string, accountKey: string, onForbidden: () => void = () => undefined): Caller {
    return new Caller(userId, accountKey, onForbidden);
  }

  static trustedClient(): Caller {
    return new Caller(undefined, undefined, () => undefined);
  }

  get isUser(): boolean {
    return this.verifiedUserId !== undefined;
  }

  /**
   * The user this request acts for. A token user may omit `claimed` or repeat their own id;
   * another id is FORBIDDEN. A trusted client's `claimed` is returned as is (undefined when absent:
   * the caller's own validation says it is required).
   */
  actAs(claimed: unknown): string | undefined {
    if (this.verifiedUserId === undefined) return typeof claimed === 'string' ? claimed : undefined;
    if (claimed === undefined || claimed === null || claimed === this.verifiedUserId) return this.verifiedUserId;
    this.refused();
    throw new ForbiddenError();
  }

  /** Whose money `userId` uses: the token's account, or the trusted client's (configured key, user id as given). */
  accountFor(userId: string): SportsAccount {
    return this.accountKey !== undefined ? { userKey: this.accountKey } : { userId };
  }
}
