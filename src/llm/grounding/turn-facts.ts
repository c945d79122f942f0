import type { BetProposal } from '../../common/protocol';
import { foldAccents, normalizeName } from '../../common/text';
import { wallClock } from '../../common/time-zone';
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
  /** The names folded the way sentences are (foldedNames), once asked. */
  folded?: [string, string];
  /** Kick-off, epoch milliseconds. */
  start: number;
  /** The kick-off on the last zone's clock (kickoffClock). */
  clock?: { zone: string; minutes: number };
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
  /** Other moments the tools gave (a slip's expiry), epoch milliseconds: a time may be one of them. */
  readonly moments: number[] = [];
  /** Payout examples tied to their selection: "$170 on Arsenal" is wrong when $170 is the draw's. */
  readonly tiedAmounts: Array<{ value: number; selection: SelectionFact }> = [];
  /**
   * Views repeat a fixture: each is known by its teams and start time as written. The start times
   * go beside `fixtures`, and the fixtures of one home team are chained by index (the last one by
   * team, then each to the one before), so knowing one adds no object.
   */
  private readonly startTimes: string[] = [];
  private readonly lastByHome = new Map<string, number>();
  private readonly sameHomeBefore: number[] = [];
  private nameIndex?: NameIndex;
  private readonly picked = new Map<string, SelectionFact[]>();

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
    const found = findNames(folded, this.names());
    const mentions: Mention[] = [];
    // Each clause's market cue, read once: a clause often names several selections.
    const cues: Array<string | undefined | null> = [];
    for (let i = 0; i < found.length; i++) {
      const f = found[i];
      const at = clauseAt(f.start);
      if (cues[at] === undefined) cues[at] = marketCue(clauses[at] ?? '') ?? null;
      const cue = cues[at] ?? undefined;
      if (f.team) {
        const next = found[i + 1];
        const between = next ? folded.slice(f.end, next.start) : '';
        if (next && /^\W*\s(?:or|o|ou)\s(?:the |el |o )?$/.test(between)) {
          // "Arsenal or draw", "Arsenal or Chelsea": a double-chance selection, one mention.
          const team = f.team;
          const other = next.team;
          const dc =
            next.word === 'draw'
              ? this.memo(`dc ${team}`, () => this.doubleChance(team))
              : other
                ? this.memo(`either ${team} ${other}`, () => this.eitherTeam(team, other))
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
        const team = f.team;
        const market = handicap ? 'handicap' : cue;
        const own = this.memo(`team ${team} ${market}`, () => this.teamSelections(team, market));
        mentions.push({ start: f.start, end: f.end, selections: own, teams: [f.team] });
      } else if (f.word === 'draw') {
        mentions.push({
          start: f.start,
          end: f.end,
          selections: this.memo(`draw ${cue}`, () => this.bySelection((s) => s.outcome === 'draw', cue)),
          teams: [],
        });
      } else if (f.word === 'over' || f.word === 'under') {
        const line = f.line;
        const word = f.word;
        const picked = this.memo(`${word} ${line}`, () =>
          this.bySelection((s) => s.outcome === word && (line === undefined || s.line === line), undefined),
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

  /** A selection list a name stands for, worked out once per turn: sentences repeat their names. */
  private memo(key: string, pick: () => SelectionFact[]): SelectionFact[] {
    let picked = this.picked.get(key);
    if (!picked) this.picked.set(key, (picked = pick()));
    return picked;
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

  /** The names a sentence may use for this turn's teams and outcomes (shared by every turn about the same teams). */
  private names(): NameIndex {
    if (this.nameIndex) return this.nameIndex;
    const teams = new Set<string>();
    for (const f of this.fixtures) teams.add(f.home).add(f.away);
    this.nameIndex = nameIndex([...teams].sort());
    return this.nameIndex;
  }

  /** Whether a time is one of the tools' other moments on a zone's clock. */
  isMoment(minutes: number, zone: string): boolean {
    return this.moments.some((m) => clockMinutes(m, zone) === minutes);
  }

  /** A fixture's kick-off on a zone's wall clock, minutes after midnight; kept for the zone asked last. */
  kickoffClock(fixture: FixtureFact, zone: string): number {
    if (fixture.clock?.zone === zone) return fixture.clock.minutes;
    // UTC needs no Intl formatter.
    const minutes =
      zone === 'UTC' ? Math.floor((fixture.start % 86_400_000) / 60_000) : zonedMinutes(fixture.start, zone);
    fixture.clock = { zone, minutes };
    return minutes;
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
    const fields: Record<string, unknown> = record;
    for (const key in fields) {
      const field = fields[key];
      if (typeof field === 'number') {
        if (PRICE_KEYS.has(key)) this.prices.push(field);
        else if (key === 'stake') this.stakes.push(field);
        else if (AMOUNT_KEYS.has(key)) this.amounts.push(field);
        else if (PERCENT_KEYS.has(key)) {
          this.percents.push(field);
          if (key === 'margin_pct') this.margins.push(field);
        }
      } else if (key === 'expires_at' && typeof field === 'string') {
        this.moments.push(Date.parse(field));
      } else if (key === 'odds' && Array.isArray(field)) {
        for (const odd of field) if (typeof odd === 'number') this.prices.push(odd);
      } else this.collect(field, depth + 1);
    }
  }

  private fixture(view: { home_team: string; away_team: string; start_time: string }): FixtureFact {
    const last = this.lastByHome.get(view.home_team) ?? -1;
    for (let i = last; i >= 0; i = this.sameHomeBefore[i]) {
      const known = this.fixtures[i];
      if (known.away === view.away_team && this.startTimes[i] === view.start_time) return known;
    }
    const fixture: FixtureFact = {
      home: view.home_team,
      away: view.away_team,
      start: Date.parse(view.start_time),
    };
    this.lastByHome.set(view.home_team, this.fixtures.length);
    this.sameHomeBefore.push(last);
    this.startTimes.push(view.start_time);
    this.fixtures.push(fixture);
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
        this.selections.push(
          selection(
            fixture,
            market.market,
            s.outcome,
            s.odd,
            market.line,
            s.implied_probability_pct,
            market.margin_pct,
          ),
        );
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
      const picked = selection(
        fixture,
        pick.market,
        pick.outcome,
        pick.odd,
        pick.line,
        pick.implied_probability_pct,
        pick.margin_pct,
      );
      this.selections.push(picked);
      if (typeof pick.favourite_odd === 'number')
        this.selections.push({
          fixture,
          market: 'result',
          outcome: pick.outcome === 'away_or_draw' ? 'away' : 'home',
          price: pick.favourite_odd,
        });
      const example = pick.example as { returns?: unknown } | undefined;
      if (typeof example?.returns === 'number')
        this.tiedAmounts.push({ value: example.returns, selection: picked });
    }
  }

  /** A bet slip (proposed, changed, shown, cancelled, or open): each leg is a selection. */
  private proposal(record: Record<string, unknown>): void {
    if (!Array.isArray(record.selections) || typeof record.combined_odd !== 'number') return;
    for (const leg of record.selections as Array<Record<string, unknown>>) {
      const view = leg;
      if (!isFixtureView(view) || typeof leg.odd !== 'number' || typeof leg.outcome !== 'string') continue;
      this.selections.push(selection(this.fixture(view), leg.market, leg.outcome, leg.odd, leg.line));
    }
  }
}

/** What a run of words in a sentence names. */
type Named = { team: string } | { word: 'draw' | 'over' | 'under' | 'yes' | 'no' };

/** Names by their first word, longest first: a sentence is read word by word, one lookup each. */
type NameIndex = Map<string, Array<{ words: string[]; named: Named }>>;

interface Found {
  start: number;
  end: number;
  team?: string;
  word?: 'draw' | 'over' | 'under' | 'yes' | 'no';
  line?: number;
}

const OUTCOME_WORDS: Array<[string, Named]> = [
  ['the draw', { word: 'draw' }],
  ['draw', { word: 'draw' }],
  ['tie', { word: 'draw' }],
  ['empate', { word: 'draw' }],
  ['over', { word: 'over' }],
  ['mas de', { word: 'over' }],
  ['mais de', { word: 'over' }],
  ['acima de', { word: 'over' }],
  ['under', { word: 'under' }],
  ['menos de', { word: 'under' }],
  ['abaixo de', { word: 'under' }],
  ['yes', { word: 'yes' }],
  ['si', { word: 'yes' }],
  ['sim', { word: 'yes' }],
  ['no', { word: 'no' }],
  ['nao', { word: 'no' }],
];
const LINE_AFTER_NAME = /^\s*(\d+(?:[.,]\d+)?)/;

/**
 * Indexes by team set. Building one reads the alias table, which costs more than checking an
 * answer, and the same teams come back turn after turn.
 */
const indexes = new Map<string, NameIndex>();
const INDEX_CACHE_SIZE = 500;

function nameIndex(teamNames: string[]): NameIndex {
  const key = teamNames.join('\n');
  const cached = indexes.get(key);
  if (cached) return cached;
  const names = new Map<string, Named>(OUTCOME_WORDS);
  const tokenOwners = new Map<string, Set<string>>();
  for (const team of teamNames) {
    const norm = normalizeName(team);
    names.set(norm, { team });
    for (const alias of aliasIndex().get(norm) ?? []) names.set(alias, { team });
    for (const token of norm.split(' ')) {
      if (token.length < 4 || PLAIN_WORDS.has(token)) continue;
      tokenOwners.set(token, (tokenOwners.get(token) ?? new Set()).add(team));
    }
  }
  // A distinctive word of one club's name ("dortmund", "marseille") names it when no other club of the turn shares it.
  for (const [token, owners] of tokenOwners)
    if (owners.size === 1 && !names.has(token)) names.set(token, { team: [...owners][0] });
  const index: NameIndex = new Map();
  for (const [name, named] of names) {
    const words = name.split(' ');
    const list = index.get(words[0]) ?? [];
    list.push({ words, named });
    index.set(words[0], list);
  }
  for (const list of index.values()) list.sort((a, b) => b.words.length - a.words.length);
  if (indexes.size >= INDEX_CACHE_SIZE) indexes.delete(indexes.keys().next().value!);
  indexes.set(key, index);
  return index;
}

/** The names in a folded sentence, in order, the longest at each place. */
function findNames(folded: string, index: NameIndex): Found[] {
  const found: Found[] = [];
  // Words of [a-z0-9], read by hand: a regex match object per word showed in profiles.
  for (let i = wordStart(folded, 0); i < folded.length; i = wordStart(folded, i)) {
    const start = i;
    const end = wordEnd(folded, start);
    i = end;
    const candidates = index.get(folded.slice(start, end));
    if (!candidates) continue;
    let matchEnd = -1;
    let named: Named | undefined;
    for (const c of candidates) {
      matchEnd = wordsFollow(folded, end, c.words);
      if (matchEnd >= 0) {
        named = c.named;
        break;
      }
    }
    if (!named) continue;
    i = matchEnd;
    if ('team' in named) found.push({ start, end: matchEnd, team: named.team });
    else if (named.word === 'over' || named.word === 'under') {
      // "over 2.5": the line is part of the name.
      const line = LINE_AFTER_NAME.exec(folded.slice(matchEnd, matchEnd + 12));
      found.push(
        line
          ? { start, end: matchEnd + line[0].length, word: named.word, line: Number(line[1].replace(',', '.')) }
          : { start, end: matchEnd, word: named.word },
      );
    } else found.push({ start, end: matchEnd, word: named.word });
  }
  return found;
}

function wordStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isWordChar(text.charCodeAt(i))) i++;
  return i;
}

function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Where a name ends whose first word ends at `end` and whose other words are the text's next
 * words, or -1.
 */
function wordsFollow(text: string, end: number, words: string[]): number {
  let at = end;
  for (let k = 1; k < words.length; k++) {
    const start = wordStart(text, at);
    if (start === text.length) return -1;
    at = wordEnd(text, start);
    if (at - start !== words[k].length || !text.startsWith(words[k], start)) return -1;
  }
  return at;
}

let aliases: Map<string, string[]> | undefined;

/** The alias table by each spelling of a club's name, normalised once for the process. */
function aliasIndex(): Map<string, string[]> {
  if (aliases) return aliases;
  aliases = new Map();
  for (const group of TEAM_ALIASES)
    for (const name of group.names)
      aliases.set(normalizeName(name), [...(aliases.get(normalizeName(name)) ?? []), ...group.aliases]);
  return aliases;
}

/** An instant on a zone's wall clock, minutes after midnight. */
function clockMinutes(epoch: number, zone: string): number {
  // UTC needs no Intl formatter.
  if (zone === 'UTC') return Math.floor((((epoch % 86_400_000) + 86_400_000) % 86_400_000) / 60_000);
  return zonedMinutes(epoch, zone);
}

/** Wall-clock minutes after midnight of an instant in a zone (read through wallClock's cache). */
function zonedMinutes(epoch: number, zone: string): number {
  const clock = wallClock(new Date(epoch), zone);
  return clock.hour * 60 + clock.minute;
}

/** A fixture's team names folded the way sentences are, to look for them in one. */
export function foldedNames(fixture: FixtureFact): [string, string] {
  return (fixture.folded ??= [foldAccents(fixture.home), foldAccents(fixture.away)]);
}

/** A selection from a tool view's fields; the optional ones only when the view has them. */
function selection(
  fixture: FixtureFact,
  market: unknown,
  outcome: string,
  price: number,
  line?: unknown,
  implied?: unknown,
  margin?: unknown,
): SelectionFact {
  const fact: SelectionFact = { fixture, market: String(market), outcome, price };
  if (typeof line === 'number') fact.line = line;
  if (typeof implied === 'number') fact.shownImplied = implied;
  if (typeof margin === 'number') fact.margin = margin;
  return fact;
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

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57);
}

/** Letters that carry accents (Latin-1 and Latin Extended): only these need decomposing. */
const ACCENTED = /[\u00c0-\u024f]/;

/**
 * A sentence folded for name matching, offset for offset: lowercase, accents dropped. Bullets and
 * dashes lowercase to themselves, so a sentence without accented letters folds by lowercasing.
 */
export function foldKeepingOffsets(text: string): string {
  if (!ACCENTED.test(text)) return text.toLowerCase();
  const folded = foldAccents(text);
  if (folded.length === text.length) return folded;
  let out = '';
  for (const ch of text) {
    const f = foldAccents(ch);
    out += f.length === ch.length ? f : ch.length === 1 ? (f[0] ?? ch) : ch;
  }
  return out;
}
