import type { PickStyle } from '../../common/protocol';
import type { Fixture, Market, Odds, OddsSelection } from '../../sports-api/domain';
import { fixtureView, marketMargin, type RecommendationPick, round1 } from './tool-views';

export const RESPONSIBLE_GAMBLING_NOTE =
  "Odds are the bookmaker's view, not a certainty. Bet only what you can afford to lose.";

/**
 * Explainable picks from prices alone: the strongest favourite, the fairest-priced market (lowest
 * margin), and a double-chance cover for the favourite of a close game. No pick claims an edge
 * the odds do not show.
 */
export function rankPicks(
  priced: Array<{ fixture: Fixture; odds: Odds }>,
  style?: PickStyle,
): RecommendationPick[] {
  if (style) return rankByStyle(priced, style);
  const picks: RecommendationPick[] = [];
  const used = new Set<string>();
  const results = priced
    .map(({ fixture, odds }) => ({ fixture, odds, result: odds.markets.find((m) => m.key === 'result') }))
    .filter(
      (p): p is { fixture: Fixture; odds: Odds; result: Market } =>
        !!p.result && p.result.selections.length > 0,
    );

  const favourites = results
    .map((p) => ({
      ...p,
      fav: [...p.result.selections].filter((s) => s.outcome !== 'draw').sort((a, b) => a.odd - b.odd)[0],
    }))
    .filter((p) => p.fav)
    .sort((a, b) => a.fav.odd - b.fav.odd);
  const strongest = favourites[0];
  if (strongest) {
    const margin = marketMargin(strongest.result);
    picks.push(
      pick(
        strongest.fixture,
        strongest.result,
        strongest.fav,
        margin,
        'favourite',
        `${strongest.fav.name} is the clearest favourite on the board at ${strongest.fav.odd} (implied ${round1(100 / strongest.fav.odd)}%).`,
      ),
    );
    used.add(strongest.fixture.id);
  }

  const lowMargin = priced
    .flatMap(({ fixture, odds }) => odds.markets.map((m) => ({ fixture, m, margin: marketMargin(m) })))
    .filter((x) => !used.has(x.fixture.id) && x.m.selections.length > 1)
    .sort((a, b) => a.margin - b.margin)[0];
  if (lowMargin) {
    const fav = [...lowMargin.m.selections].sort((a, b) => a.odd - b.odd)[0];
    picks.push(
      pick(
        lowMargin.fixture,
        lowMargin.m,
        fav,
        lowMargin.margin,
        'low_margin',
        `The ${lowMargin.m.key} market of this match has the lowest margin found (${lowMargin.margin}%), so its prices are the fairest; ${fav.name} is its most likely outcome at ${fav.odd}.`,
      ),
    );
    used.add(lowMargin.fixture.id);
  }

  for (const p of favourites.slice().reverse()) {
    if (used.has(p.fixture.id)) continue;
    const implied = 100 / p.fav.odd;
    if (implied > 55) continue;
    const dc = p.odds.markets.find((m) => m.key === 'double_chance');
    const cover = dc?.selections.find(
      (s) => s.outcome === (p.fav.outcome === 'home' ? 'home_or_draw' : 'away_or_draw'),
    );
    if (!dc || !cover) continue;
    picks.push({
      ...pick(
        p.fixture,
        dc,
        cover,
        marketMargin(dc),
        'value',
        `A close game: ${p.fav.name} is only a slight favourite at ${p.fav.odd} (implied ${round1(implied)}%). Double chance covers the draw too at ${cover.odd}.`,
      ),
      favourite_odd: p.fav.odd,
    });
    used.add(p.fixture.id);
    break;
  }

  for (const p of favourites) {
    if (used.has(p.fixture.id)) continue;
    picks.push(
      pick(
        p.fixture,
        p.result,
        p.fav,
        marketMargin(p.result),
        'favourite',
        `${p.fav.name} is favoured at ${p.fav.odd} (implied ${round1(100 / p.fav.odd)}%).`,
      ),
    );
    used.add(p.fixture.id);
  }
  return picks;
}

/** An underdog worth naming: priced as a real chance, not a lottery ticket. */
const UNDERDOG_ODDS = { min: 2.2, max: 8 };

/**
 * Picks of one kind, best first: the likeliest outcomes of any market ("safe"), the likeliest
 * outcome of the fairest-priced markets ("value"), or the side each match does not favour, the
 * most plausible first ("underdog"). One pick a match unless `onePerMatch` is false (advice about
 * one match).
 */
function rankByStyle(
  priced: Array<{ fixture: Fixture; odds: Odds }>,
  style: PickStyle,
  onePerMatch = true,
): RecommendationPick[] {
  const candidates: RecommendationPick[] = [];
  for (const { fixture, odds } of priced) {
    for (const m of odds.markets) {
      if (m.selections.length < 2) continue;
      const margin = marketMargin(m);
      const likeliest = [...m.selections].sort((a, b) => a.odd - b.odd)[0];
      switch (style) {
        case 'safe':
          candidates.push(
            pick(
              fixture,
              m,
              likeliest,
              margin,
              'safe',
              `${likeliest.name} is the likeliest outcome of its market at ${likeliest.odd} (implied ${round1(100 / likeliest.odd)}%).`,
            ),
          );
          break;
        case 'value':
          candidates.push(
            pick(
              fixture,
              m,
              likeliest,
              margin,
              'low_margin',
              `The ${m.key} market has a margin of ${margin}%, among the fairest prices found; ${likeliest.name} is its most likely outcome at ${likeliest.odd}.`,
            ),
          );
          break;
        case 'underdog': {
          if (m.key !== 'result' && m.key !== 'win') break;
          const sides = m.selections.filter((s) => s.outcome !== 'draw').sort((a, b) => a.odd - b.odd);
          const [favourite, underdog] = [sides[0], sides[sides.length - 1]];
          if (
            !favourite ||
            favourite === underdog ||
            underdog.odd < UNDERDOG_ODDS.min ||
            underdog.odd > UNDERDOG_ODDS.max
          )
            break;
          candidates.push({
            ...pick(
              fixture,
              m,
              underdog,
              margin,
              'underdog',
              `${underdog.name} is the underdog at ${underdog.odd} (implied ${round1(100 / underdog.odd)}%) against ${favourite.name} at ${favourite.odd}: a longer price for a real chance, and more likely to lose than to win.`,
            ),
            favourite_odd: favourite.odd,
          });
          break;
        }
      }
    }
  }
  const order: Record<PickStyle, (a: RecommendationPick, b: RecommendationPick) => number> = {
    safe: (a, b) => b.implied_probability_pct - a.implied_probability_pct,
    value: (a, b) => a.margin_pct - b.margin_pct || b.implied_probability_pct - a.implied_probability_pct,
    underdog: (a, b) => b.implied_probability_pct - a.implied_probability_pct,
  };
  const ranked = candidates.sort(order[style]);
  if (!onePerMatch) return ranked;
  const seen = new Set<string>();
  return ranked.filter((p) => !seen.has(p.fixture.fixture_id) && !!seen.add(p.fixture.fixture_id));
}

function pick(
  fixture: Fixture,
  m: Market,
  s: OddsSelection,
  margin: number,
  kind: RecommendationPick['kind'],
  reasoning: string,
): RecommendationPick {
  return {
    fixture: fixtureView(fixture),
    market: m.key,
    ...(m.line !== undefined ? { line: m.line } : {}),
    outcome: s.outcome,
    name: s.name,
    odd: s.odd,
    implied_probability_pct: round1(100 / s.odd),
    margin_pct: margin,
    kind,
    reasoning,
  };
}

/**
 * Picks inside one match, for advice about that match ("what would you bet on in the Nice
 * game?"): its favourite, the most likely outcome of its fairest other market, and a double-chance
 * cover when the favourite is far from sure.
 */
export function rankPicksForMatch(fixture: Fixture, odds: Odds, style?: PickStyle): RecommendationPick[] {
  if (style) return rankByStyle([{ fixture, odds }], style, false);
  const picks: RecommendationPick[] = [];
  const result = odds.markets.find((m) => m.key === 'result');
  const favourite =
    result && [...result.selections].filter((s) => s.outcome !== 'draw').sort((a, b) => a.odd - b.odd)[0];
  if (result && favourite) {
    picks.push(
      pick(
        fixture,
        result,
        favourite,
        marketMargin(result),
        'favourite',
        `${favourite.name} is the favourite of this match at ${favourite.odd} (implied ${round1(100 / favourite.odd)}%).`,
      ),
    );
  }
  const fairest = odds.markets
    .filter((m) => m.key !== 'result' && m.key !== 'double_chance' && m.selections.length > 1)
    .map((m) => ({ m, margin: marketMargin(m) }))
    .sort((a, b) => a.margin - b.margin)[0];
  if (fairest) {
    const likely = [...fairest.m.selections].sort((a, b) => a.odd - b.odd)[0];
    picks.push(
      pick(
        fixture,
        fairest.m,
        likely,
        fairest.margin,
        'low_margin',
        `The ${fairest.m.key} market has this match's lowest margin (${fairest.margin}%); ${likely.name} is its most likely outcome at ${likely.odd}.`,
      ),
    );
  }
  const dc = odds.markets.find((m) => m.key === 'double_chance');
  if (favourite && dc && 100 / favourite.odd < 60) {
    const cover = dc.selections.find(
      (s) => s.outcome === (favourite.outcome === 'home' ? 'home_or_draw' : 'away_or_draw'),
    );
    if (cover)
      picks.push({
        ...pick(
          fixture,
          dc,
          cover,
          marketMargin(dc),
          'value',
          `${favourite.name} is no sure thing at ${favourite.odd}; double chance covers the draw too at ${cover.odd}.`,
        ),
        favourite_odd: favourite.odd,
      });
  }
  return picks;
}
