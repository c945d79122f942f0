/**
 * Payout maths for single bets and parlays, exact to the cent. Money is never multiplied as
 * floats (0.1 × 3 = 0.30000000000000004): stakes become integer cents, odds integer
 * ten-thousandths, products are BigInt, and the one rounding (half up, to the cent) happens last.
 */

export interface Payout {
  stake: number;
  /** Decimal odds: the single odd, or the product of the legs' odds for a parlay. */
  odd: number;
  /** Total return if it wins (stake × odd), rounded to the cent. */
  returns: number;
  /** Net winnings: returns − stake. */
  profit: number;
}

const ODD_DECIMALS = 4;
const ODD_SCALE = 10n ** BigInt(ODD_DECIMALS);

/** x × 10^decimals as an integer; toPrecision removes the binary noise of values like 1.005. */
function scaled(x: number, decimals: number): bigint {
  return BigInt(Math.round(Number((x * 10 ** decimals).toPrecision(15))));
}

function divideRoundingHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

function decimalString(value: bigint, decimals: number): string {
  const digits = value.toString().padStart(decimals + 1, '0');
  return `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

function assertStake(stake: number): void {
  if (!Number.isFinite(stake) || stake <= 0)
    throw new RangeError(`stake must be a positive amount (got ${stake})`);
}

function assertOdd(odd: number): void {
  if (!Number.isFinite(odd) || odd < 1) throw new RangeError(`decimal odds must be 1 or more (got ${odd})`);
}

/** Rounds an amount of money to the cent, half up, without float drift (1.005 → 1.01). */
export function roundToCents(amount: number): number {
  return Number(scaled(amount, 2)) / 100;
}

/** The odd of a parlay: the product of its legs' odds. */
export function combinedOdds(odds: readonly number[]): number {
  if (odds.length === 0) throw new RangeError('a parlay needs at least one leg');
  odds.forEach(assertOdd);
  const product = odds.reduce((acc, odd) => acc * scaled(odd, ODD_DECIMALS), 1n);
  return Number(decimalString(product, ODD_DECIMALS * odds.length));
}

export function singlePayout(stake: number, odd: number): Payout {
  return parlayPayout(stake, [odd]);
}

export function parlayPayout(stake: number, odds: readonly number[]): Payout {
  assertStake(stake);
  const odd = combinedOdds(odds);
  const stakeCents = scaled(stake, 2);
  if (stakeCents <= 0n) throw new RangeError(`stake must be at least one cent (got ${stake})`);
  const product = odds.reduce((acc, o) => acc * scaled(o, ODD_DECIMALS), 1n);
  const returnsCents = divideRoundingHalfUp(stakeCents * product, ODD_SCALE ** BigInt(odds.length));
  return {
    stake: Number(stakeCents) / 100,
    odd,
    returns: Number(returnsCents) / 100,
    profit: Number(returnsCents - stakeCents) / 100,
  };
}
