import type { SimFixture } from './dataset';
import { rngFor } from './random';

/** Every market key of the odds document, in the order the API sends them. */
export const MARKET_KEYS = [
  'result',
  'result_regular_time',
  'score',
  'both_teams_to_score',
  'double_chance',
  'over_under',
  'handicap',
  'half_time_total',
  'half_time_result',
  'half_time_handicap',
  'win',
  'draw_no_bet',
  'goal_first_half',
  'goal_second_half',
  'goal_both_halves',
  'total_corners_home',
  'total_corners_away',
  'last_goal',
  'result_five_entries',
  'result_first_period',
] as const;
export type MarketKey = (typeof MARKET_KEYS)[number];

export interface PricedOutcome {
  /** Key inside the market object, e.g. `homeTeam`, `over`, `homeTeam_or_draw`. */
  key: string;
  /** Display label, e.g. "Arsenal", "Over 2.5", "Arsenal -0.5". */
  name: string;
  /** Label used by the QA-era `options` shape for 1X2 markets ("Home", "Draw", "Away"). */
  optionName: string;
  odds: number;
  betId: number;
}

export interface PricedMarket {
  key: MarketKey;
  outcomes: PricedOutcome[];
}

export interface FixturePrices {
  mainMarket: MarketKey;
  markets: PricedMarket[];
}

/** Market codes give every selection a stable betId: fixtureId·100 + code·10 + outcome. */
const MARKET_CODES: Partial<Record<MarketKey, number>> = {
  result: 1,
  double_chance: 2,
  both_teams_to_score: 3,
  over_under: 4,
  handicap: 5,
  half_time_result: 6,
  win: 7,
};

/** Odds move on 15-minute steps, so repeated reads within a step agree exactly. */
const DRIFT_STEP_MS = 15 * 60_000;
/** A full drift cycle lasts 12 hours; amplitude ±3 % of the expected goals/points. */
const DRIFT_STEPS_PER_CYCLE = 48;
const DRIFT_AMPLITUDE = 0.03;

export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * factor) / factor;
}

function poissonPmf(lambda: number, max: number): number[] {
  const pmf: number[] = [Math.exp(-lambda)];
  for (let k = 1; k <= max; k += 1) pmf.push((pmf[k - 1] * lambda) / k);
  return pmf;
}

/** P(home goals = i, away goals = j) for independent Poisson scores. */
function scoreGrid(lambdaHome: number, lambdaAway: number): number[][] {
  const max = 12;
  const home = poissonPmf(lambdaHome, max);
  const away = poissonPmf(lambdaAway, max);
  return home.map((ph) => away.map((pa) => ph * pa));
}

function sumGrid(grid: number[][], predicate: (home: number, away: number) => boolean): number {
  let total = 0;
  grid.forEach((row, i) => row.forEach((p, j) => (total += predicate(i, j) ? p : 0)));
  return total;
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26, error < 1.5e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

function signedLine(line: number): string {
  return line > 0 ? `+${line}` : `${line}`;
}

/** Half-point line (…, -1.5, -0.5, 0.5, …) whose probability is closest to an even split. */
function closestLine(candidates: number[], probability: (line: number) => number): number {
  return candidates.reduce((best, line) =>
    Math.abs(probability(line) - 0.5) < Math.abs(probability(best) - 0.5) ? line : best,
  );
}

const HALF_LINES = (from: number, to: number): number[] => {
  const lines: number[] = [];
  for (let line = from; line <= to; line += 1) lines.push(line + 0.5);
  return lines;
};

/**
 * Prices fixtures from team ratings with a bookmaker margin of 5–7 % (so 4–8 % after rounding to
 * two decimals). Football uses independent Poisson scores; basketball a normal points model.
 */
export class OddsBook {
  constructor(private readonly seed: number) {}

  price(fixture: SimFixture, now: Date): FixturePrices {
    const rng = rngFor(this.seed, 'odds', fixture.id);
    const margin = 0.05 + 0.02 * rng();
    const phase = rng() * 2 * Math.PI;
    const step = Math.floor(now.getTime() / DRIFT_STEP_MS);
    const drift = DRIFT_AMPLITUDE * Math.sin((2 * Math.PI * step) / DRIFT_STEPS_PER_CYCLE + phase);
    const marginFor = (): number => Math.min(0.07, Math.max(0.05, margin + (rng() - 0.5) * 0.01));
    return fixture.tournament.sportId === '3'
      ? this.priceBasketball(fixture, drift, marginFor)
      : this.priceFootball(fixture, drift, marginFor);
  }

  private priceFootball(fixture: SimFixture, drift: number, marginFor: () => number): FixturePrices {
    const { home, away } = fixture;
    const gap = 3.2 * (home.rating - away.rating);
    const lambdaHome = 1.35 * Math.exp(gap / 2 + 0.12) * (1 + drift);
    const lambdaAway = 1.15 * Math.exp(-gap / 2) * (1 - drift);
    const full = scoreGrid(lambdaHome, lambdaAway);
    const half = scoreGrid(lambdaHome * 0.44, lambdaAway * 0.44);

    const pHome = sumGrid(full, (h, a) => h > a);
    const pDraw = sumGrid(full, (h, a) => h === a);
    const pAway = 1 - pHome - pDraw;
    const pBtts = sumGrid(full, (h, a) => h > 0 && a > 0);
    const pOver = (line: number): number => sumGrid(full, (h, a) => h + a > line);
    const totalLine = closestLine(HALF_LINES(0, 5), pOver);
    const pHomeCovers = (line: number): number => sumGrid(full, (h, a) => h - a + line > 0);
    const handicapLine = closestLine(HALF_LINES(-4, 3), pHomeCovers);
    const htHome = sumGrid(half, (h, a) => h > a);
    const htDraw = sumGrid(half, (h, a) => h === a);

    const market = this.marketBuilder(fixture, marginFor);
    return {
      mainMarket: 'result',
      markets: [
        market('result', [
          ['homeTeam', home.name.en, 'Home', pHome],
          ['tie', 'Draw', 'Draw', pDraw],
          ['awayTeam', away.name.en, 'Away', pAway],
        ]),
        market('both_teams_to_score', [
          ['yes', 'Yes', 'Yes', pBtts],
          ['no', 'No', 'No', 1 - pBtts],
        ]),
        market('double_chance', [
          ['homeTeam_or_draw', `${home.name.en} or Draw`, 'Home or Draw', pHome + pDraw],
          ['awayTeam_or_draw', `${away.name.en} or Draw`, 'Away or Draw', pAway + pDraw],
          ['homeTeam_or_awayTeam', `${home.name.en} or ${away.name.en}`, 'Home or Away', pHome + pAway],
        ]),
        market('over_under', [
          ['over', `Over ${totalLine}`, `Over ${totalLine}`, pOver(totalLine)],
          ['under', `Under ${totalLine}`, `Under ${totalLine}`, 1 - pOver(totalLine)],
        ]),
        market('handicap', [
          [
            'homeTeam',
            `${home.name.en} ${signedLine(handicapLine)}`,
            `Home ${signedLine(handicapLine)}`,
            pHomeCovers(handicapLine),
          ],
          [
            'awayTeam',
            `${away.name.en} ${signedLine(-handicapLine)}`,
            `Away ${signedLine(-handicapLine)}`,
            1 - pHomeCovers(handicapLine),
          ],
        ]),
        market('half_time_result', [
          ['homeTeam', home.name.en, 'Home', htHome],
          ['tie', 'Draw', 'Draw', htDraw],
          ['awayTeam', away.name.en, 'Away', 1 - htHome - htDraw],
        ]),
      ],
    };
  }

  private priceBasketball(fixture: SimFixture, drift: number, marginFor: () => number): FixturePrices {
    const { home, away } = fixture;
    const expectedMargin = 2.5 + 45 * (home.rating - away.rating) + 20 * drift;
    const marginSd = 12;
    const expectedTotal = 226 + 20 * (home.rating + away.rating - 1.6) + 100 * drift;
    const totalSd = 18;
    const pHomeWins = normalCdf(expectedMargin / marginSd);
    const spread = -(Math.round(expectedMargin) - 0.5);
    const pHomeCovers = normalCdf((expectedMargin + spread) / marginSd);
    const totalLine = Math.floor(expectedTotal) + 0.5;
    const pOver = 1 - normalCdf((totalLine - expectedTotal) / totalSd);
    const market = this.marketBuilder(fixture, marginFor);
    return {
      mainMarket: 'win',
      markets: [
        market('win', [
          ['homeTeam', home.name.en, 'Home', pHomeWins],
          ['awayTeam', away.name.en, 'Away', 1 - pHomeWins],
        ]),
        market('over_under', [
          ['over', `Over ${totalLine}`, `Over ${totalLine}`, pOver],
          ['under', `Under ${totalLine}`, `Under ${totalLine}`, 1 - pOver],
        ]),
        market('handicap', [
          ['homeTeam', `${home.name.en} ${signedLine(spread)}`, `Home ${signedLine(spread)}`, pHomeCovers],
          [
            'awayTeam',
            `${away.name.en} ${signedLine(-spread)}`,
            `Away ${signedLine(-spread)}`,
            1 - pHomeCovers,
          ],
        ]),
      ],
    };
  }

  /**
   * Turns true probabilities into prices: each implied probability is inflated by the margin, so
   * Σ 1/odds = (1 + margin) × Σ p (Σ p is 2 for double chance, 1 otherwise).
   */
  private marketBuilder(fixture: SimFixture, marginFor: () => number) {
    const fixtureNumber = Number(fixture.id);
    return (key: MarketKey, outcomes: Array<[string, string, string, number]>): PricedMarket => {
      const margin = marginFor();
      const code = MARKET_CODES[key] ?? 9;
      return {
        key,
        outcomes: outcomes.map(([outcomeKey, name, optionName, probability], index) => ({
          key: outcomeKey,
          name,
          optionName,
          odds: Math.max(1.01, roundTo(1 / (probability * (1 + margin)), 2)),
          betId: fixtureNumber * 100 + code * 10 + index + 1,
        })),
      };
    };
  }
}
