import type { BetProposalSelection } from '../../common/protocol';
import type { Odds } from '../../sports-api/domain';

/**
 * What confirming finds when it compares a proposal's prices with the current ones:
 * - `unchanged`: every selection is still offered at its proposed odd;
 * - `better`: none is lower and at least one is higher (the user would be paid more);
 * - `worse`: at least one is lower;
 * - `unavailable`: a selection is no longer offered (market closed, line moved, odds inactive).
 * `selections` are the proposal's selections at the current odds (and bet ids).
 */
export type PriceCheck =
  | { kind: 'unchanged'; selections: BetProposalSelection[] }
  | { kind: 'better'; selections: BetProposalSelection[] }
  | { kind: 'worse'; selections: BetProposalSelection[] }
  | { kind: 'unavailable'; fixtureId: string };

/** Odds are compared to the ten-thousandth the payout maths uses, so float noise is not a move. */
const ODD_EPSILON = 0.00005;

/** The selection as currently priced in `odds`, or undefined when it is not offered any more. */
export function currentSelection(selection: BetProposalSelection, odds: Odds): BetProposalSelection | undefined {
  if (!odds.active) return undefined;
  const market = odds.markets.find(
    (m) => m.key === selection.market && (selection.line === undefined || m.line === selection.line),
  );
  const offered =
    market?.selections.find((s) => s.betId === selection.bet_id) ??
    market?.selections.find((s) => s.outcome === selection.outcome);
  if (!offered) return undefined;
  return { ...selection, odd: offered.odd, bet_id: offered.betId };
}

/** Compares every selection with its fixture's current odds (`oddsByFixture` keyed by fixture id). */
export function checkPrices(selections: BetProposalSelection[], oddsByFixture: Map<string, Odds>): PriceCheck {
  const current: BetProposalSelection[] = [];
  let higher = false;
  let lower = false;
  for (const selection of selections) {
    const odds = oddsByFixture.get(selection.fixture_id);
    const now = odds && currentSelection(selection, odds);
    if (!now) return { kind: 'unavailable', fixtureId: selection.fixture_id };
    if (now.odd > selection.odd + ODD_EPSILON) higher = true;
    if (now.odd < selection.odd - ODD_EPSILON) lower = true;
    current.push(now);
  }
  if (lower) return { kind: 'worse', selections: current };
  if (higher) return { kind: 'better', selections: current };
  return { kind: 'unchanged', selections: current };
}
