export type Side = 'home' | 'away';

/**
 * The outcome of `market` a bettor backing `side` means, or the one they named ("under", "no",
 * "draw"): the side itself where a market has sides (1X2, half time, two-way winner, handicap),
 * its double-chance cover, and where sides mean nothing the named total or "yes" by default.
 * One rule for the tools and the offline engine, so a slip changed by either reads the same.
 */
export function sideOutcome(market: string, side: Side, named?: string): string {
  switch (market) {
    case 'over_under':
      return named === 'under' ? 'under' : 'over';
    case 'both_teams_to_score':
      return named === 'no' ? 'no' : 'yes';
    case 'double_chance':
      return `${side}_or_draw`;
    default:
      return named === 'draw' ? 'draw' : side;
  }
}
