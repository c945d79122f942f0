import { randomBytes } from 'node:crypto';
import { hashString } from './random';
import { roundTo } from './pricing';

/** Starting wallet of every user: the values recorded in examples/balance.json. */
export const STARTING_BALANCE = {
  flag: 0,
  money: 4321.77,
  playableBalance: 4536.93,
  withdrawableBalance: 4321.77,
  bonusBalance: 0.0,
  redeemedBonus: 101,
};
export type Wallet = typeof STARTING_BALANCE;

/** The demo identity seen in the QA sources: userKey "1" ↔ userId 1858035947. */
const DEMO_USER_KEY = '1';
const DEMO_USER_ID = 1858035947;

export class InsufficientBalanceError extends Error {}

/** Tokens handed out by /auth/generate_token; opaque, JWT-looking, with an optional lifetime. */
export class TokenRegistry {
  private readonly expiries = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => Date,
  ) {}

  issue(): string {
    const encode = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    const issuedAt = this.now().getTime();
    const token = [
      encode({ alg: 'HS256', typ: 'JWT' }),
      encode({
        sub: 'simulated-user',
        iat: Math.floor(issuedAt / 1000),
        jti: randomBytes(8).toString('hex'),
      }),
      randomBytes(24).toString('base64url'),
    ].join('.');
    this.expiries.set(token, this.ttlMs > 0 ? issuedAt + this.ttlMs : Number.POSITIVE_INFINITY);
    return token;
  }

  isValid(token: string | undefined): boolean {
    if (!token) return false;
    const expiry = this.expiries.get(token);
    return expiry !== undefined && this.now().getTime() < expiry;
  }

  /** Invalidates every token issued so far, so a client's refresh-on-401 path can be exercised. */
  expireAll(): void {
    this.expiries.clear();
  }
}

/** One wallet per userId; stakes are debited from money, playable and withdrawable balances. */
export class WalletLedger {
  private readonly wallets = new Map<string, Wallet>();
  private nextTicket = 7719304455;

  userIdFor(userKey: string): number {
    if (userKey === DEMO_USER_KEY) return DEMO_USER_ID;
    return 1_000_000_000 + (hashString(`user|${userKey}`) % 900_000_000);
  }

  balance(userId: string): Wallet {
    return { ...this.wallet(userId) };
  }

  /** Debits the stake and returns a new ticket id; throws when the stake exceeds `money`. */
  debit(userId: string, amount: number): string {
    const wallet = this.wallet(userId);
    if (amount > wallet.money + 1e-9) throw new InsufficientBalanceError('Insufficient balance');
    wallet.money = roundTo(wallet.money - amount, 2);
    wallet.playableBalance = roundTo(wallet.playableBalance - amount, 2);
    wallet.withdrawableBalance = roundTo(wallet.withdrawableBalance - amount, 2);
    const ticket = String(this.nextTicket);
    this.nextTicket += 1;
    return ticket;
  }

  private wallet(userId: string): Wallet {
    const key = String(userId).trim();
    let wallet = this.wallets.get(key);
    if (!wallet) {
      wallet = { ...STARTING_BALANCE };
      this.wallets.set(key, wallet);
    }
    return wallet;
  }
}
