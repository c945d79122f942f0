import type { BetProposal } from '../../common/protocol';
import { foldAccents, normalizeName } from '../../common/text';
import { TEAM_ALIASES } from '../../nlu/catalogue/aliases';

/**
 * What the tools of one turn said, indexed for the grounding guard: fixtures with their kick-off,
 * priced selections with the names a sentence may call them by, and the plain sets of prices,
 * amounts and percentages. Read from the tool views of tool-views.ts by their field names, so a
 * new tool that returns the same fields is covered without changes here.
 */
export interface FixtureFact {
  home: string;
  away: string;
  /** Kick-off, epoch milliseconds. */
  start: number;
}

export interface SelectionFact {
  fixture: FixtureFact;
  market: string;
  outcome: string;
  line?: number;
  price: number;
  /** The implied probability as the tool rounded it, when it gave one. */
  shownImplied?: number;
  /** The margin of the selection's market, when the tool gave it. */
  margin?: number;
}

/** A name in a sentence and the selections it may stand for. */
export interface Mention {
  start: number;
  end: number;
  selections: SelectionFact[];
  /** Teams it names, for binding a kick-off time to its fixture. */
  teams: string[];
}

const PRICE_KEYS = new Set(['odd', 'combined_odd', 'favourite_odd', 'old_odds', 'new_odds']);
const AMOUNT_KEYS = new Set([
  'returns',
  'profit',
  'potential_return',
  'potential_win',
  'balance',
  'playable_balance',
  'withdrawable_balance',
  'amount',
  'possible_win',
]);
const PERCENT_KEYS = new Set(['implied_probability_pct', 'margin_pct', 'change_percentage']);

/** Market words that narrow a team's name to one market's selections. */
const MARKET_CUES: Array<[RegExp, string]> = [
  [
    /\b(?:half[ -]?time|1st half|first half|descanso|medio tiempo|primer tiempo|intervalo|1º tempo|primeiro tempo)\b/,
    'half_time_result',
  ],
  [/\b(?:handicap|spread)\b/, 'handicap'],
  [/\b(?:double chance|doble oportunidad|dupla chance)\b/, 'double_chance'],
  [/\b(?:both teams to score|btts|ambos equipos marcan|ambos marcan|ambas marcam)\b/, 'both_teams_to_score'],
  [/\bmoneyline\b/, 'win'],
  [/\b(?:1x2|match result|full[ -]time result|resultado final|resultado del partido)\b/, 'result'],
  [/\b(?:over\/under|total goals|total de goles|total de gols|mas\/menos|mais\/menos)\b/, 'over_under'],
];
const BTTS_CUE = /\b(?:both teams|btts|ambos equipos|ambos marcan|ambas marcam)\b/;
// Words too common to stand for a club on their own, even when only one club of the turn has them.
const PLAIN_WORDS = new Set(
  'real city united club sporting athletic atletico inter saint young boys river plate america new york los angeles san santa sao rio de la el los las do da of the fc ac as sc cf cd sv fk cp afc rb bv nacional national central union deportivo'.split(
    ' ',
  ),
);

export class TurnFacts {
  readonly fixtures: FixtureFact[] = [];
  readonly selections: SelectionFact[] = [];
  readonly prices: number[] = [];
  readonly amounts: number[] = [];
  /** Stakes from the tools and the ones the user named: what a payout is computed from. */
  readonly stakes: number[] = [];
  /** Every number the user wrote: a figure they gave may be repeated back to them. */
  readonly userNumbers: readonly number[];
  readonly percents: number[] = [];
  readonly margins: number[] = [];
  /** Payout examples tied to their selection: "$170 on Arsenal" is wrong when $170 is the draw's. */
  readonly tiedAmounts: Array<{ value: number; selection: SelectionFact }> = [];
  private readonly fixtureKeys = new Map<string, FixtureFact>();
  private mentionPattern?: { regex: RegExp; teams: Map<string, string> };

  /**
   * @param results the turn's tool results as the tools returned them (or their JSON)
   * @param userStakes the stakes the user named (the NLU's amounts)
   * @param userNumbers every number in the user's message
   */
  constructor(
    results: readonly unknown[],
    openSlip: BetProposal | undefined,
    userStakes: readonly number[],
    userNumbers: readonly number[],
  ) {
    for (const result of results) this.collect(typeof result === 'string' ? parseJson(result) : result, 0);
    if (openSlip) this.collect(openSlip, 0);
    this.stakes.push(...userStakes);
    this.userNumbers = userNumbers;
    for (const p of this.prices) this.percents.push(100 / p);
    for (const s of this.selections) this.percents.push(100 / s.price);
  }

  /** The teams, draw, over/under and yes/no named in a sentence, folded to lowercase ASCII. */
  mentions(folded: string, clauseAt: (index: number) => number, clauses: string[]): Mention[] {
    if (this.selections.length === 0 && this.fixtures.length === 0) return [];
    const { regex, teams } = this.pattern();
    const found: Array<{ start: number; end: number; team?: string; word?: string; line?: number }> = [];
    for (const m of folded.matchAll(regex)) {
      const text = m[0];
      const start = m.index;
      if (m.groups?.draw) found.push({ start, end: start + text.length, word: 'draw' });
      else if (m.groups?.ou)
        found.push({
          start,
          end: start + text.length,
          word: /^(?:under|menos|abaixo)/.test(m.groups.ou) ? 'under' : 'over',
          ...(m.groups.line ? { line: Number(m.groups.line.replace(',', '.')) } : {}),
        });
      else if (m.groups?.yn)
        found.push({ start, end: start + text.length, word: /^n/.test(m.groups.yn) ? 'no' : 'yes' });
      else {
        const team = teams.get(text.replace(/[^a-z0-9]+/g, ' ').trim());
        if (team) found.push({ start, end: start + text.length, team });
      }
    }
    const mentions: Mention[] = [];
    for (let i = 0; i < found.length; i++) {
      const f = found[i];
      const cue = marketCue(clauses[clauseAt(f.start)] ?? '');
      if (f.team) {
        const next = found[i + 1];
        const between = next ? folded.slice(f.end, next.start) : '';
        if (next && /^\W*\s(?:or|o|ou)\s(?:the |el |o )?$/.test(between)) {
          // "Arsenal or draw", "Arsenal or Chelsea": a double-chance selection, one mention.
          const dc =
            next.word === 'draw'
              ? this.doubleChance(f.team)
              : next.team
                ? this.eitherTeam(f.team, next.team)
                : [];
          if (dc.length > 0) {
            mentions.push({
              start: f.start,
              end: next.end,
              selections: dc,
              teams: next.team ? [f.team, next.team] : [f.team],
            });
            i++;
            continue;
          }
        }
        const handicap = /^\s*[+\-−]\d/.test(folded.slice(f.end, f.end + 4));
        const own = this.teamSelections(f.team, handicap ? 'handicap' : cue);
        mentions.push({ start: f.start, end: f.end, selections: own, teams: [f.team] });
      } else if (f.word === 'draw') {
        mentions.push({
          start: f.start,
          end: f.end,
          selections: this.bySelection((s) => s.outcome === 'draw', cue),
          teams: [],
        });
      } else if (f.word === 'over' || f.word === 'under') {
        const line = f.line;
        const picked = this.bySelection(
          (s) => s.outcome === f.word && (line === undefined || s.line === line),
          undefined,
        );
        mentions.push({ start: f.start, end: f.end, selections: picked, teams: [] });
      } else if (f.word && BTTS_CUE.test(folded)) {
        const word = f.word;
        mentions.push({
          start: f.start,
          end: f.end,
          selections: this.bySelection(
            (s) => s.market === 'both_teams_to_score' && s.outcome === word,
            undefined,
          ),
          teams: [],
        });
      }
    }
    return mentions;
  }

  /** The margins of one market (all markets without one), each once. */
  marginsOf(market: string | undefined): number[] {
    if (!market) return [...new Set(this.margins)];
    const margins = this.selections
      .filter((s) => s.market === market && s.margin !== undefined)
      .map((s) => s.margin!);
    return [...new Set(margins)];
  }

  /** Fixtures a team plays in this turn's data. */
  fixturesOf(team: string): FixtureFact[] {
    return this.fixtures.filter((f) => f.home === team || f.away === team);
  }

  private teamSelections(team: string, cue: string | undefined): SelectionFact[] {
    const own = this.selections.filter(
      (s) =>
        s.market !== 'double_chance' &&
        ((s.outcome === 'home' && s.fixture.home === team) ||
          (s.outcome === 'away' && s.fixture.away === team)),
    );
    if (!cue) return own;
    return own.filter((s) => s.market === cue);
  }

  private bySelection(test: (s: SelectionFact) => boolean, cue: string | undefined): SelectionFact[] {
    const picked = this.selections.filter(test);
    return cue ? picked.filter((s) => s.market === cue) : picked;
  }

  private doubleChance(team: string): SelectionFact[] {
    return this.selections.filter(
      (s) =>
        s.market === 'double_chance' &&
        ((s.outcome === 'home_or_draw' && s.fixture.home === team) ||
          (s.outcome === 'away_or_draw' && s.fixture.away === team)),
    );
  }

  private eitherTeam(a: string, b: string): SelectionFact[] {
    return this.selections.filter(
      (s) =>
        s.market === 'double_chance' &&
        s.outcome === 'home_or_away' &&
        ((s.fixture.home === a && s.fixture.away === b) || (s.fixture.home === b && s.fixture.away === a)),
    );
  }

  /** One regex for every name of the turn, longest first, built once per set of facts. */
  private pattern(): { regex: RegExp; teams: Map<string, string> } {
    if (this.mentionPattern) return this.mentionPattern;
    const names = new Set<string>();
    for (const f of this.fixtures) names.add(f.home).add(f.away);
    const teams = new Map<string, string>();
    const tokenOwners = new Map<string, Set<string>>();
    for (const team of names) {
      const norm = normalizeName(team);
      teams.set(norm, team);
      for (const group of TEAM_ALIASES)
        if (group.names.some((n) => normalizeName(n) === norm))
          for (const alias of group.aliases) teams.set(alias, team);
      for (const token of norm.split(' ')) {
        if (token.length < 4 || PLAIN_WORDS.has(token)) continue;
        tokenOwners.set(token, (tokenOwners.get(token) ?? new Set()).add(team));
      }
    }
    // A distinctive word of one club's name ("dortmund", "marseille") names it when no other club of the turn shares it.
    for (const [token, owners] of tokenOwners)
      if (owners.size === 1 && !teams.has(token)) teams.set(token, [...owners][0]);
    const aliases = [...teams.keys()]
      .sort((a, b) => b.length - a.length)
      .map((a) => a.split(' ').map(escape).join('[^a-z0-9]+'));
    const source = [
      String.raw`(?<ou>(?:over|under|mas de|menos de|mais de|acima de|abaixo de)(?:\s*(?<line>\d+(?:[.,]\d+)?))?)`,
      String.raw`(?<draw>the draw|draw|tie|empate)`,
      String.raw`(?<yn>yes|no|si|sim|nao)`,
      ...aliases,
    ].join('|');
    this.mentionPattern = {
      regex: new RegExp(String.raw`(?<![a-z0-9])(?:${source})(?![a-z0-9])`, 'g'),
      teams,
    };
    return this.mentionPattern;
  }

  private collect(value: unknown, depth: number): void {
    if (depth > 8 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) this.collect(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    if (isFixtureView(record)) this.fixture(record);
    this.oddsResult(record);
    this.picks(record);
    this.proposal(record);
    for (const [key, field] of Object.entries(record)) {
      if (typeof field === 'number') {
        if (PRICE_KEYS.has(key)) this.prices.push(field);
        else if (key === 'stake') this.stakes.push(field);
        else if (AMOUNT_KEYS.has(key)) this.amounts.push(field);
        else if (PERCENT_KEYS.has(key)) {
          this.percents.push(field);
          if (key === 'margin_pct') this.margins.push(field);
        }
      } else if (key === 'odds' && Array.isArray(field)) {
        for (const odd of field) if (typeof odd === 'number') this.prices.push(odd);
      } else this.collect(field, depth + 1);
    }
  }

  private fixture(view: { home_team: string; away_team: string; start_time: string }): FixtureFact {
    const key = `${view.home_team}|${view.away_team}|${view.start_time}`;
    let fixture = this.fixtureKeys.get(key);
    if (!fixture) {
      fixture = { home: view.home_team, away: view.away_team, start: Date.parse(view.start_time) };
      this.fixtureKeys.set(key, fixture);
      this.fixtures.push(fixture);
    }
    return fixture;
  }

  /** get_odds: every selection of every market, and the payout examples on them. */
  private oddsResult(record: Record<string, unknown>): void {
    const fixtureView = record.fixture;
    if (!isFixtureView(fixtureView) || !Array.isArray(record.markets)) return;
    const fixture = this.fixture(fixtureView);
    for (const market of record.markets as Array<Record<string, unknown>>) {
      if (!Array.isArray(market?.selections)) continue;
      for (const s of market.selections as Array<Record<string, unknown>>) {
        if (typeof s.odd !== 'number' || typeof s.outcome !== 'string') continue;
        this.selections.push({
          fixture,
          market: String(market.market),
          outcome: s.outcome,
          ...(typeof market.line === 'number' ? { line: market.line } : {}),
          price: s.odd,
          ...(typeof s.implied_probability_pct === 'number'
            ? { shownImplied: s.implied_probability_pct }
            : {}),
          ...(typeof market.margin_pct === 'number' ? { margin: market.margin_pct } : {}),
        });
      }
    }
    if (!Array.isArray(record.payout_examples)) return;
    for (const e of record.payout_examples as Array<Record<string, unknown>>) {
      const selection = this.selections.find(
        (s) => s.fixture === fixture && s.market === e.market && s.outcome === e.outcome && s.line === e.line,
      );
      if (!selection) continue;
      for (const value of [e.returns, e.profit])
        if (typeof value === 'number') this.tiedAmounts.push({ value, selection });
    }
  }

  /** get_recommendations: each pick is a selection; a double-chance pick also quotes its favourite's 1X2 price. */
  private picks(record: Record<string, unknown>): void {
    if (!Array.isArray(record.picks)) return;
    for (const pick of record.picks as Array<Record<string, unknown>>) {
      if (!isFixtureView(pick.fixture) || typeof pick.odd !== 'number' || typeof pick.outcome !== 'string')
        continue;
      const fixture = this.fixture(pick.fixture);
      const selection: SelectionFact = {
        fixture,
        market: String(pick.market),
        outcome: pick.outcome,
        ...(typeof pick.line === 'number' ? { line: pick.line } : {}),
        price: pick.odd,
        ...(typeof pick.implied_probability_pct === 'number'
          ? { shownImplied: pick.implied_probability_pct }
          : {}),
        ...(typeof pick.margin_pct === 'number' ? { margin: pick.margin_pct } : {}),
      };
      this.selections.push(selection);
      if (typeof pick.favourite_odd === 'number')
        this.selections.push({
          fixture,
          market: 'result',
          outcome: pick.outcome === 'away_or_draw' ? 'away' : 'home',
          price: pick.favourite_odd,
        });
      const example = pick.example as { returns?: unknown } | undefined;
      if (typeof example?.returns === 'number') this.tiedAmounts.push({ value: example.returns, selection });
    }
  }

  /** A bet slip (proposed, changed, shown, cancelled, or open): each leg is a selection. */
  private proposal(record: Record<string, unknown>): void {
    if (!Array.isArray(record.selections) || typeof record.combined_odd !== 'number') return;
    for (const leg of record.selections as Array<Record<string, unknown>>) {
      const view = leg;
      if (!isFixtureView(view) || typeof leg.odd !== 'number' || typeof leg.outcome !== 'string') continue;
      this.selections.push({
        fixture: this.fixture(view),
        market: String(leg.market),
        outcome: leg.outcome,
        ...(typeof leg.line === 'number' ? { line: leg.line } : {}),
        price: leg.odd,
      });
    }
  }
}

/** The market a clause names, if any: it narrows what a team's name means there. */
export function marketCue(clause: string): string | undefined {
  for (const [cue, market] of MARKET_CUES) if (cue.test(clause)) return market;
  return undefined;
}

function isFixtureView(
  value: unknown,
): value is { home_team: string; away_team: string; start_time: string } {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.home_team === 'string' &&
    typeof v.away_team === 'string' &&
    typeof v.start_time === 'string'
  );
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A sentence folded for name matching, offset for offset: lowercase, accents dropped. */
export function foldKeepingOffsets(text: string): string {
  const folded = foldAccents(text);
  if (folded.length === text.length) return folded;
  let out = '';
  for (const ch of text) {
    const f = foldAccents(ch);
    out += f.length === ch.length ? f : ch.length === 1 ? (f[0] ?? ch) : ch;
  }
  return out;
}
