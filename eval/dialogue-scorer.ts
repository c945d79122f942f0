import type { DialogueCase, Expectations, ProposalExpectation, SelectionExpectation } from './dialogue-case';
import { LIVE_TEAM, needsLiveTeam } from './dialogue-case';

/**
 * Plays dialogue cases against the chat REST API and checks every expectation against the sports
 * API (the simulator), as `../shared/eval/score-dialogues.mjs` does: a port of that reference
 * scorer, kept equivalent to it so both reach the same verdicts on the same cases. The rules it
 * follows are in `../shared/eval/README.md`, "Dialogue cases"; where this file looks odd (the
 * forced catalogue reload of `no_live_pick`, the alias table that is only refreshed on a forced
 * load, prices read before and after the turn), it is because the reference does the same.
 *
 * Nothing here knows about Nest: the chat API and the sports data are reached over HTTP (or
 * through the two small interfaces below, which the spec fakes).
 */

/** A key's verdict: true (holds), false (does not), null (cannot be scored: a case error). */
export type Verdict = [ok: boolean | null, reason: string];

// ---------------------------------------------------------------- text

/** `String()` of whatever the wire sent (null and undefined read as empty), as the reference reads it. */
const str = (s: unknown): string => (s == null ? '' : `${s as string}`);

/** Lower case, accents removed. */
export const fold = (s: unknown): string =>
  str(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** A name reduced to its letters and digits, club suffixes (FC, CF, AC, SC) dropped: how names are compared. */
export const nameKey = (s: unknown): string =>
  fold(s)
    .replace(/\b(fc|cf|ac|sc)\b/g, '')
    .replace(/[^a-z0-9]/g, '');

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The rendering appears as a number of its own (not inside a longer number). */
export const hasNumber = (text: string, rendering: string): boolean =>
  new RegExp(`(?<![\\d.,])${escapeRegExp(rendering)}(?![\\d]|[.,]\\d)`).test(text);

/** Every usual way to write a money or price value: `1234.5`, `1,234.50`, `1.234,50`, `1 234,50`… */
export function renderings(value: number): string[] {
  const rounded = Math.round(value * 100) / 100;
  const [int, dec] = rounded.toFixed(2).split('.');
  const grouped = (sep: string) => int.replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  const out = new Set<string>();
  const styles: Array<[string, string]> = [
    ['', '.'],
    ['', ','],
    [',', '.'],
    ['.', ','],
    [' ', ','],
    ['\u00a0', ','],
    ['\u202f', ','],
  ];
  for (const [group, point] of styles) {
    const i = grouped(group);
    out.add(i + point + dec);
    if (dec.endsWith('0')) out.add(i + point + dec[0]);
    if (dec === '00') out.add(i);
  }
  return [...out];
}

export const mentionsValue = (text: string, values: number[]): boolean =>
  values.some((v) => renderings(v).some((s) => hasNumber(text, s)));

/** The answer without Markdown bold markers. */
export const stripTags = (s: unknown): string => str(s).replace(/\*\*/g, '');

/** The answer's own text: bulleted or numbered lines and quoted examples taken out. */
export function ownText(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*([•*-]|\d+[.)])\s/.test(line))
    .join('\n')
    .replace(/["“«][^"”»\n]*["”»]/g, '');
}

const hourMinute = (timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Patterns a kick-off at `date` in zone `tz` may be written as: `HH:MM`, `HHhMM`, `h:MM am/pm`. */
export function timeRenderings(date: Date, tz: string): RegExp[] {
  const parts = Object.fromEntries(
    hourMinute(tz)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const H = Number(parts.hour);
  const M = parts.minute;
  const h12 = H % 12 === 0 ? 12 : H % 12;
  const ap = H < 12 ? 'a' : 'p';
  return [
    new RegExp(`(?<!\\d)0?${H}\\s?[:h]\\s?${M}(?!\\d)(?!\\s?(a\\.?m|p\\.?m))`, 'i'),
    new RegExp(`(?<!\\d)${h12}(:${M})${M === '00' ? '?' : ''}\\s?${ap}\\.?\\s?m\\b`, 'i'),
  ];
}

/** Anything that looks like a time of day. */
export const TIME_RE = /(?<!\d)\d{1,2}\s?[:h]\d{2}(?!\d)|(?<!\d)\d{1,2}\s?(a\.?m|p\.?m)\b/i;
/** Anything that looks like decimal odds. */
export const ODDS_RE = /(?<![\d.,])\d{1,2}[.,]\d{2}(?![\d])/;
/** Words saying a match is being played (en, es, pt). */
export const LIVE_WORDS =
  /\b(live|in[- ]play|en vivo|en directo|ao vivo|en juego|em andamento|already (started|under ?way)|ya (empez|comenz)|j[aá] come[cç])/i;

// ---------------------------------------------------------------- markets and outcomes

const SIM_TO_OUT: Record<string, string> = {
  homeTeam: 'home',
  tie: 'draw',
  awayTeam: 'away',
  homeTeam_or_draw: 'home_or_draw',
  awayTeam_or_draw: 'away_or_draw',
  homeTeam_or_awayTeam: 'home_or_away',
  over: 'over',
  under: 'under',
  yes: 'yes',
  no: 'no',
};

/** An outcome in the expectation vocabulary (`home`, `draw`, `over`…), from the API's or a proposal's spelling. */
export function normOutcome(outcome: unknown): string {
  const s = str(outcome).trim();
  if (Object.hasOwn(SIM_TO_OUT, s)) return SIM_TO_OUT[s];
  return s
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .replace(/^x$/, 'draw')
    .replace(/^tie$/, 'draw')
    .replace(/^1$/, 'home')
    .replace(/^2$/, 'away');
}

const MARKET_ALIAS: Record<string, string> = {
  moneyline: 'win',
  '1x2': 'result',
  match_result: 'result',
  btts: 'both_teams_to_score',
  total: 'over_under',
  totals: 'over_under',
};

export function normMarket(market: unknown): string {
  const s = str(market).toLowerCase();
  return Object.hasOwn(MARKET_ALIAS, s) ? MARKET_ALIAS[s] : s;
}

export type Side = 'home' | 'away' | null;

/** An outcome made absolute: `win`/`lose`/`win_or_draw`/`lose_or_draw`/`no_draw` read from the team's side. */
export function absoluteOutcome(outcome: unknown, side: Side): string | null {
  const o = normOutcome(outcome);
  if (['win', 'lose', 'win_or_draw', 'lose_or_draw'].includes(o) && !side) return null;
  const other = side === 'home' ? 'away' : 'home';
  const relative: Record<string, string | null> = {
    win: side,
    lose: other,
    win_or_draw: `${side}_or_draw`,
    lose_or_draw: `${other}_or_draw`,
    no_draw: 'home_or_away',
  };
  return (Object.hasOwn(relative, o) ? relative[o] : null) ?? o;
}

/** The values a payout may be written as: stake × price rounded to cents, or cut to cents. */
export function payoutValues(stake: number, prices: number[]): number[] {
  return prices.flatMap((p) => [
    Math.round(stake * p * 100 + 1e-6) / 100,
    Math.floor(stake * p * 100 + 1e-6) / 100,
  ]);
}

// ---------------------------------------------------------------- sports data (the simulator)

export interface CatalogueFixture {
  id: string;
  sport: string;
  tid: string;
  tname: string;
  start: Date;
  live: boolean;
  home: string;
  away: string;
}

export interface PriceLookup {
  prices?: number[];
  fixtures?: CatalogueFixture[];
  error?: string;
}

type GetJson = (url: string) => Promise<unknown>;

async function defaultGetJson(url: string): Promise<unknown> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} -> ${res.status}`);
  return res.json();
}

/** "MM-DD HH:mm" (UTC) → Date, choosing the year closest to now. */
export function yearFor(monthDayTime: string, now: Date): Date {
  const [md, hm] = monthDayTime.split(' ');
  const [mo, d] = md.split('-').map(Number);
  const [h, mi] = hm.split(':').map(Number);
  let best: Date | null = null;
  for (const y of [now.getUTCFullYear() - 1, now.getUTCFullYear(), now.getUTCFullYear() + 1]) {
    const t = new Date(Date.UTC(y, mo - 1, d, h, mi));
    if (!best || Math.abs(t.getTime() - now.getTime()) < Math.abs(best.getTime() - now.getTime())) best = t;
  }
  return best!;
}

interface SimSport {
  id: string | number;
  tournaments: Array<{ tournamentId: string | number; name: string }>;
}
interface SimFixture {
  id?: string | number;
  sportId?: string | number;
  startTime: string;
  homeCompetitor: { name: string };
  awayCompetitor: { name: string };
}
type SimOdds = Record<string, Record<string, { odds?: unknown; name?: unknown }> | undefined>;

/**
 * What the sports API says, read the way the reference scorer reads it: every tournament's
 * pre-match and live fixtures (cached for a minute unless forced), team names in every language
 * from `sports-fixtures`, odds per fixture, and the simulator's count of bet placements.
 */
export class SportsData {
  private catalogue: CatalogueFixture[] | null = null;
  private catalogueAt = 0;
  /** Canonical (English) name → folded keys of its names in every language. */
  readonly aliases = new Map<string, Set<string>>();

  constructor(
    private readonly baseUrl: string,
    private readonly getJson: GetJson = defaultGetJson,
    private readonly clock: () => number = Date.now,
  ) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  /** The time the checks take as now (the wall clock, unless a spec pins it). */
  now(): number {
    return this.clock();
  }

  async loadCatalogue(force = false): Promise<CatalogueFixture[]> {
    if (!force && this.catalogue && this.clock() - this.catalogueAt < 60_000) return this.catalogue;
    const now = new Date(this.clock());
    const sim = this.baseUrl;
    const sports = (await this.getJson(`${sim}/sports/all-tournaments`)) as SimSport[];
    const fixtures: CatalogueFixture[] = [];
    for (const sport of sports) {
      for (const t of sport.tournaments) {
        for (const type of ['pre_match', 'live']) {
          const list = await this.getJson(
            `${sim}/sports/fixtures?tournamentId=${t.tournamentId}&type=${type}`,
          );
          for (const f of (Array.isArray(list) ? list : []) as SimFixture[]) {
            if (!f || !f.id) continue;
            fixtures.push({
              id: String(f.id),
              sport: String(f.sportId ?? sport.id),
              tid: String(t.tournamentId),
              tname: t.name,
              start: yearFor(f.startTime, now),
              live: type === 'live',
              home: f.homeCompetitor.name,
              away: f.awayCompetitor.name,
            });
          }
        }
      }
      if (!this.aliases.size || force) {
        try {
          const named = (await this.getJson(`${sim}/sports/sports-fixtures?sportId=${sport.id}`)) as Array<
            Record<string, Record<string, string> | undefined>
          >;
          for (const f of named) {
            for (const k of ['homeCompetitorName', 'awayCompetitorName']) {
              const n = f[k];
              if (!n?.en) continue;
              const set = this.aliases.get(n.en) ?? new Set([nameKey(n.en)]);
              for (const v of Object.values(n)) set.add(nameKey(v));
              this.aliases.set(n.en, set);
            }
          }
        } catch {
          // names in English only
        }
      }
    }
    for (const f of fixtures) {
      for (const n of [f.home, f.away]) if (!this.aliases.has(n)) this.aliases.set(n, new Set([nameKey(n)]));
    }
    this.catalogue = fixtures;
    this.catalogueAt = this.clock();
    return fixtures;
  }

  /** The catalogue's name for a team named in any language, or null (unknown or ambiguous). */
  canonicalTeam(name: unknown): string | null {
    const k = nameKey(name);
    for (const [canon, set] of this.aliases) if (set.has(k)) return canon;
    const hits = [...this.aliases.entries()].filter(([, set]) => [...set].some((a) => a.includes(k)));
    return hits.length === 1 ? hits[0][0] : null;
  }

  sameTeam(a: unknown, b: unknown): boolean {
    const ca = this.canonicalTeam(a) ?? a;
    const cb = this.canonicalTeam(b) ?? b;
    return nameKey(ca) === nameKey(cb) || nameKey(cb).includes(nameKey(a));
  }

  /** Some name of the team (3 characters or more) appears in the text. */
  teamInText(text: string, canon: string): boolean {
    return [...(this.aliases.get(canon) ?? [nameKey(canon)])].some(
      (a) => a.length >= 3 && nameKey(text).includes(a),
    );
  }

  /** The team's next fixture: its earliest not-started one; fixtures being played are accepted too. */
  async nextFixtures(team: string): Promise<{ canon: string | null; fixtures: CatalogueFixture[] }> {
    const canon = this.canonicalTeam(team);
    if (!canon) return { canon: null, fixtures: [] };
    const all = await this.loadCatalogue();
    const mine = all.filter((f) => f.home === canon || f.away === canon);
    const upcoming = mine.filter((f) => !f.live).sort((a, b) => a.start.getTime() - b.start.getTime());
    return { canon, fixtures: [...mine.filter((f) => f.live), ...upcoming.slice(0, 1)] };
  }

  odds(f: CatalogueFixture): Promise<unknown> {
    return this.getJson(
      `${this.baseUrl}/sports/odds?sportId=${f.sport}&tournamentId=${f.tid}&fixtureId=${f.id}&amount=1`,
    );
  }

  /** Every current price of the selection in the team's candidate fixtures. */
  async pricesFor(exp: SelectionExpectation): Promise<PriceLookup> {
    const { canon, fixtures } = await this.nextFixtures(exp.team);
    if (!canon) return { error: `unknown team ${exp.team}` };
    if (!fixtures.length) return { error: `no open fixture for ${canon}` };
    const prices: number[] = [];
    for (const f of fixtures) {
      const doc = (await this.odds(f).catch(() => null)) as SimOdds | null;
      const market = doc?.[normMarket(exp.market)];
      if (!market || typeof market !== 'object') continue;
      const want = absoluteOutcome(exp.outcome, sideOf(canon, f));
      for (const [k, sel] of Object.entries(market)) {
        if (normOutcome(k) !== want || typeof sel?.odds !== 'number') continue;
        if (exp.line != null && !String(sel.name).includes(String(exp.line))) continue;
        prices.push(sel.odds);
      }
    }
    return prices.length
      ? { prices, fixtures }
      : { error: `no ${exp.market}/${exp.outcome} price for ${canon}` };
  }

  /** Bets the simulator has been asked to place (single and combo) since it started. */
  async placedCount(): Promise<number> {
    const s = (await this.getJson(`${this.baseUrl}/__admin/stats`)) as { byPath?: Record<string, number> };
    return (s.byPath?.['/place-bet'] ?? 0) + (s.byPath?.['/place-combo-bet'] ?? 0);
  }
}

const sideOf = (canon: string, f: CatalogueFixture): Side =>
  f.home === canon ? 'home' : f.away === canon ? 'away' : null;

// ---------------------------------------------------------------- chat API

export interface HttpReply {
  status: number;
  json: unknown;
}

/** The two calls a dialogue makes. */
export interface ChatApi {
  message(body: { user_id: string; message: string; session_id?: string }): Promise<HttpReply>;
  confirm(proposalId: string, userId: string): Promise<HttpReply>;
}

/** The service's REST API; a 429 is retried up to three times (1 s, 2 s, 3 s apart). */
export class HttpChatApi implements ChatApi {
  private readonly base: string;

  constructor(
    base: string,
    private readonly headers: Record<string, string> = {},
  ) {
    this.base = base.replace(/\/$/, '');
  }

  message(body: { user_id: string; message: string; session_id?: string }): Promise<HttpReply> {
    return this.post('/api/v1/chat/message', body);
  }

  confirm(proposalId: string, userId: string): Promise<HttpReply> {
    return this.post(`/api/v1/bets/${encodeURIComponent(proposalId)}/confirm`, { user_id: userId });
  }

  private async post(path: string, body: unknown): Promise<HttpReply> {
    for (let attempt = 0; ; attempt++) {
      const res = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...this.headers },
        body: JSON.stringify(body),
      });
      if (res.status === 429 && attempt < 3) {
        await new Promise((r) => setTimeout(r, 1000 * (attempt + 1)));
        continue;
      }
      let json: unknown = null;
      try {
        json = await res.json();
      } catch {
        // not JSON
      }
      return { status: res.status, json };
    }
  }
}

// ---------------------------------------------------------------- checks

/** The fields of a chat response the checks read (the wire shape of protocol §2, loosely typed). */
export interface WireSelection {
  fixture_id?: unknown;
  home_team?: unknown;
  away_team?: unknown;
  start_time?: unknown;
  market?: unknown;
  outcome?: unknown;
}
export interface WireProposal {
  proposal_id?: unknown;
  stake?: unknown;
  selections?: WireSelection[];
}
export interface WireChatResponse {
  message?: unknown;
  session_id?: string;
  detected_intent?: unknown;
  language?: unknown;
  bet_proposal?: WireProposal | null;
  grounded?: boolean;
}

export interface TurnContext {
  response: WireChatResponse;
  /** The answer without bold markers. */
  text: string;
  /** The answer folded (lower case, no accents). */
  folded: string;
  /** Proposals of the dialogue's earlier turns, oldest first. */
  proposals: WireProposal[];
  userId: string;
  /** Bet placements the sports API received during the turn. */
  placedThisTurn: number;
  /** Prices read before and after the turn, per JSON of the `price` / `payout` expectation. */
  prices: Map<string, PriceLookup>;
}

export interface ScorerPorts {
  data: SportsData;
  chat: ChatApi;
}

const SIDED: Record<string, 'home' | 'away'> = {
  home: 'home',
  away: 'away',
  home_or_draw: 'home',
  away_or_draw: 'away',
};

function checkProposal(
  exp: 'none' | ProposalExpectation,
  prop: WireProposal | null,
  data: SportsData,
): Verdict {
  if (exp === 'none') return [!prop, 'has a bet_proposal'];
  if (!prop) return [false, 'no bet_proposal'];
  if (exp.stake != null && Math.abs(Number(prop.stake) - exp.stake) > 0.005)
    return [false, `stake ${String(prop.stake)}`];
  const sels = prop.selections ?? [];
  const okSel = sels.find((s) => {
    if (exp.market && normMarket(s.market) !== normMarket(exp.market)) return false;
    const out = normOutcome(s.outcome);
    const side: Side = exp.team
      ? data.sameTeam(exp.team, s.home_team)
        ? 'home'
        : data.sameTeam(exp.team, s.away_team)
          ? 'away'
          : null
      : null;
    if (exp.team && !side) return false;
    if (exp.outcome) {
      if (absoluteOutcome(exp.outcome, side) !== out) return false;
    } else if (exp.team) {
      // without an outcome, a sided selection must be the team's side
      const sided = Object.hasOwn(SIDED, out) ? SIDED[out] : undefined;
      if (sided && sided !== side) return false;
    }
    return true;
  });
  return [
    !!okSel,
    `selections ${JSON.stringify(sels.map((s) => [s.home_team, s.away_team, s.market, s.outcome]))}`,
  ];
}

const matches = (pattern: string, ctx: TurnContext) =>
  new RegExp(pattern, 'i').test(ctx.text) || new RegExp(pattern, 'i').test(ctx.folded);

/** The verdict of one `expect` key on a turn. May throw (the caller turns that into a case error). */
export async function checkExpectation(
  name: string,
  value: unknown,
  ctx: TurnContext,
  { data, chat }: ScorerPorts,
): Promise<Verdict> {
  const r = ctx.response;
  const { text } = ctx;
  const prop = r.bet_proposal ?? null;
  switch (name) {
    case 'intent':
      return [r.detected_intent === value, `intent ${String(r.detected_intent)}`];
    case 'language':
      return [r.language === value, `language ${String(r.language)}`];
    case 'asks':
      return [/[?¿]/.test(ownText(text)) && !prop, prop ? 'made a proposal' : 'no question of its own'];
    case 'contains_any':
      return [(value as string[]).some((re) => matches(re, ctx)), 'none of the patterns'];
    case 'not_contains': {
      const bad = (value as string[]).find((re) => matches(re, ctx));
      return [!bad, `matched /${bad}/`];
    }
    case 'proposal':
      return checkProposal(value as 'none' | ProposalExpectation, prop, data);
    case 'proposal_withdrawn': {
      const last = ctx.proposals.at(-1);
      if (!last) return [null, 'no earlier proposal in the dialogue'];
      const res = await chat.confirm(String(last.proposal_id), ctx.userId);
      const code = (res.json as { error_code?: unknown } | null)?.error_code;
      if (res.status >= 200 && res.status < 300) return [false, 'confirm succeeded'];
      if (code === 'INSUFFICIENT_BALANCE' || res.status === 402)
        return [false, 'confirm refused only for balance'];
      return [true, `confirm ${res.status} ${String(code)}`];
    }
    case 'no_bet_placed':
      return [ctx.placedThisTurn === 0, `${ctx.placedThisTurn} bet(s) placed`];
    case 'no_live_pick': {
      const all = await data.loadCatalogue(true);
      const now = data.now();
      const started = (prop?.selections ?? []).filter(
        (s) =>
          Date.parse(String(s.start_time)) <= now ||
          all.some((f) => f.live && String(f.id) === String(s.fixture_id)),
      );
      if (started.length) return [false, 'proposal on a started match'];
      // a line naming both teams of a match being played now must say it is live
      const lines = text.split('\n');
      for (const f of all.filter((x) => x.live)) {
        const bad = lines.find(
          (l) => data.teamInText(l, f.home) && data.teamInText(l, f.away) && !LIVE_WORDS.test(l),
        );
        if (bad) return [false, `offers live ${f.home} v ${f.away} without saying it is live`];
      }
      return [true, 'no live match offered'];
    }
    case 'price':
    case 'payout': {
      const got = ctx.prices.get(JSON.stringify(value));
      if (!got) return [null, `no prices read for ${name}`];
      if (got.error) return [null, got.error];
      const prices = got.prices ?? [];
      const values = name === 'price' ? prices : payoutValues((value as { stake: number }).stake, prices);
      return [mentionsValue(text, values), `expected one of ${[...new Set(values)].join('/')}`];
    }
    case 'fixture': {
      const { canon, fixtures } = await data.nextFixtures((value as { team: string }).team);
      if (!canon || !fixtures.length) return [null, `no fixture for ${(value as { team: string }).team}`];
      const ok = fixtures.some((f) => data.teamInText(text, f.home) && data.teamInText(text, f.away));
      return [ok, `expected ${fixtures.map((f) => `${f.home} v ${f.away}`).join(' or ')}`];
    }
    case 'not_covered': {
      if (!nameKey(text).includes(nameKey(value))) return [false, `does not mention ${String(value)}`];
      if (TIME_RE.test(text)) return [false, 'lists a kick-off time'];
      if (ODDS_RE.test(text)) return [false, 'lists decimal odds'];
      return [true, ''];
    }
    case 'local_time': {
      const exp = value as { team: string; tz: string };
      const { canon, fixtures } = await data.nextFixtures(exp.team);
      if (!canon || !fixtures.length) return [null, `no fixture for ${exp.team}`];
      const ok = fixtures.some((f) => timeRenderings(f.start, exp.tz).some((re) => re.test(text)));
      const want = fixtures.map((f) => hourMinute(exp.tz).format(f.start));
      return [ok, `expected ${want.join(' or ')} ${exp.tz}`];
    }
    default:
      return [null, `unknown key ${name}`];
  }
}

// ---------------------------------------------------------------- run

/** One played turn, as `--out` writes it (the reference's DUMP record). */
export interface TurnRecord {
  id: string;
  turn: number;
  user: string;
  status: number;
  intent?: unknown;
  language?: unknown;
  answer: string;
  proposal: WireProposal | null;
  /** The final's `grounded`: false when the runtime guard corrected the answer. */
  grounded?: boolean;
  checks: Record<string, Verdict>;
}

export interface PassCount {
  pass: number;
  n: number;
}

/** The reference scorer's last line, field for field. */
export interface DialogueSummary {
  dialogues: number;
  turns_checked: number;
  pass_rate: number | null;
  dialogue_pass_rate: number | null;
  by_category: Record<string, number | null>;
  by_language: Record<string, number | null>;
  bets_placed_by_chat: number;
  case_errors: number;
  skipped: number;
  /** The first 40 failed keys, `id:turn:key`. */
  failed: string[];
}

export interface DialogueRun {
  summary: DialogueSummary;
  turnsPassed: number;
  dialoguesPassed: number;
  byCategory: Record<string, PassCount>;
  byLanguage: Record<string, PassCount>;
  /** `id:turn:key: reason` of every key that could not be scored. */
  caseErrors: string[];
  /** `id:reason` of every dialogue not played. */
  skipped: string[];
  /** Every failed key, `id:turn:key`. */
  failed: string[];
  records: TurnRecord[];
}

export interface PlayOptions extends ScorerPorts {
  /** Makes user ids unique per run (default: the current time in base 36). */
  runId?: string;
  /** Called after each dialogue (progress). */
  onDialogue?: (c: DialogueCase, index: number, passed: boolean) => void;
}

/** Share of passes rounded to three decimals, null when nothing was counted. */
export const passRate = (s: PassCount): number | null =>
  s.n ? Math.round((s.pass / s.n) * 1000) / 1000 : null;

const sortedRates = (counts: Record<string, PassCount>) =>
  Object.fromEntries(
    Object.keys(counts)
      .sort()
      .map((k) => [k, passRate(counts[k])]),
  );

/** A user id of the allowed charset, unique to the dialogue and the run. */
export const dialogueUserId = (id: string, runId: string): string =>
  `eval_${String(id).replace(/[^A-Za-z0-9_.:-]/g, '_')}_${runId}`.slice(0, 128);

/**
 * Plays each dialogue in a fresh session with its own user id, one turn at a time, and scores
 * every turn that has `expect`: prices are read right before and right after the turn, bet
 * placements are counted around it, and each key gets a verdict. A turn whose keys all hold
 * passes; a turn with a key that cannot be scored is a case error and is not counted.
 */
export async function playDialogues(cases: DialogueCase[], options: PlayOptions): Promise<DialogueRun> {
  const { data, chat } = options;
  const runId = options.runId ?? Date.now().toString(36);
  const byCategory: Record<string, PassCount> = {};
  const byLanguage: Record<string, PassCount> = {};
  let turnsChecked = 0;
  let turnsPassed = 0;
  let dialoguesPassed = 0;
  let placedByChat = 0;
  const failed: string[] = [];
  const caseErrors: string[] = [];
  const skipped: string[] = [];
  const records: TurnRecord[] = [];
  await data.loadCatalogue(true);
  for (const [index, c] of cases.entries()) {
    const userId = dialogueUserId(c.id, runId);
    let sessionId: string | undefined;
    let dialogueOk = true;
    const proposals: WireProposal[] = [];
    // {live_team}: a football team playing right now (the dialogue is skipped when nothing is live)
    let liveTeam: string | null = null;
    if (needsLiveTeam(c)) {
      const live = (await data.loadCatalogue(true)).filter((f) => f.live && f.sport === '1');
      if (!live.length) {
        skipped.push(`${c.id}:nothing live`);
        continue;
      }
      liveTeam = live[0].home;
    }
    for (const [i, t] of c.turns.entries()) {
      const message = t.user.replaceAll(LIVE_TEAM, liveTeam ?? '');
      const exp: Expectations = t.expect ?? {};
      const priceExps: SelectionExpectation[] = [
        ...(exp.price ? [exp.price] : []),
        ...(exp.payout ? [exp.payout] : []),
      ];
      const before = new Map<string, PriceLookup>();
      // prices drift: read before and after
      for (const pe of priceExps) before.set(JSON.stringify(pe), await data.pricesFor(pe));
      const placedBefore = await data.placedCount();
      const res = await chat.message({
        user_id: userId,
        message,
        ...(sessionId ? { session_id: sessionId } : {}),
      });
      const placedThisTurn = (await data.placedCount()) - placedBefore;
      placedByChat += placedThisTurn;
      const r = (res.json ?? {}) as WireChatResponse;
      if (r.session_id) sessionId = r.session_id;
      const text = stripTags(r.message);
      const prices = new Map<string, PriceLookup>();
      for (const pe of priceExps) {
        const k = JSON.stringify(pe);
        const a = before.get(k)!;
        const b = await data.pricesFor(pe);
        prices.set(k, a.error && b.error ? b : { prices: [...(a.prices ?? []), ...(b.prices ?? [])] });
      }
      const record: TurnRecord = {
        id: c.id,
        turn: i + 1,
        user: message,
        status: res.status,
        intent: r.detected_intent,
        language: r.language,
        answer: text,
        proposal: r.bet_proposal ?? null,
        ...(typeof r.grounded === 'boolean' ? { grounded: r.grounded } : {}),
        checks: {},
      };
      if (t.expect) {
        let turnOk = true;
        let scorable = true;
        if (res.status !== 200) {
          turnOk = false;
          record.checks.http = [false, `status ${res.status}`];
          for (const k of Object.keys(exp)) failed.push(`${c.id}:${i + 1}:${k}`);
        } else {
          const ctx: TurnContext = {
            response: r,
            text,
            folded: fold(text),
            proposals,
            userId,
            placedThisTurn,
            prices,
          };
          for (const [k, v] of Object.entries(exp)) {
            let verdict: Verdict;
            try {
              verdict = await checkExpectation(k, v, ctx, { data, chat });
            } catch (error) {
              verdict = [null, `scorer error: ${(error as Error).message}`];
            }
            record.checks[k] = verdict;
            if (verdict[0] === null) {
              scorable = false;
              caseErrors.push(`${c.id}:${i + 1}:${k}: ${verdict[1]}`);
            } else if (!verdict[0]) {
              turnOk = false;
              failed.push(`${c.id}:${i + 1}:${k}`);
            }
          }
        }
        if (scorable) {
          turnsChecked++;
          for (const s of [
            (byCategory[c.category] ??= { pass: 0, n: 0 }),
            (byLanguage[c.lang] ??= { pass: 0, n: 0 }),
          ]) {
            s.n++;
            if (turnOk) s.pass++;
          }
          if (turnOk) turnsPassed++;
          else dialogueOk = false;
        }
      }
      if (r.bet_proposal) proposals.push(r.bet_proposal);
      records.push(record);
    }
    if (dialogueOk) dialoguesPassed++;
    options.onDialogue?.(c, index, dialogueOk);
  }
  const played = cases.length - skipped.length;
  return {
    summary: {
      dialogues: played,
      turns_checked: turnsChecked,
      pass_rate: passRate({ pass: turnsPassed, n: turnsChecked }),
      dialogue_pass_rate: passRate({ pass: dialoguesPassed, n: played }),
      by_category: sortedRates(byCategory),
      by_language: sortedRates(byLanguage),
      bets_placed_by_chat: placedByChat,
      case_errors: caseErrors.length,
      skipped: skipped.length,
      failed: failed.slice(0, 40),
    },
    turnsPassed,
    dialoguesPassed,
    byCategory,
    byLanguage,
    caseErrors,
    skipped,
    failed,
    records,
  };
}

const percent = (s: PassCount) => (s.n ? `${((100 * s.pass) / s.n).toFixed(1)} %` : '—');

/** The run as text: pass rates per category and language (share of checked turns that passed), then totals. */
export function formatDialogueRun(run: DialogueRun): string {
  const { summary } = run;
  const width = Math.max(8, ...Object.keys({ ...run.byCategory, ...run.byLanguage }).map((k) => k.length));
  const rows = (counts: Record<string, PassCount>) =>
    Object.keys(counts)
      .sort()
      .map(
        (k) =>
          `  ${k.padEnd(width)}  ${percent(counts[k]).padStart(7)}  (${counts[k].pass}/${counts[k].n} turns)`,
      );
  const overall = { pass: run.turnsPassed, n: summary.turns_checked };
  const dialogues = { pass: run.dialoguesPassed, n: summary.dialogues };
  return [
    'Turn pass rate by category',
    ...rows(run.byCategory),
    '',
    'Turn pass rate by language',
    ...rows(run.byLanguage),
    '',
    `Overall: ${percent(overall)} of checked turns (${overall.pass}/${overall.n}); dialogues passed ${percent(dialogues)} (${dialogues.pass}/${dialogues.n})`,
    `Bets placed by chat: ${summary.bets_placed_by_chat} · case errors: ${summary.case_errors} · skipped: ${summary.skipped}`,
    `Answers the runtime grounding guard corrected: ${run.records.filter((r) => r.grounded === false).length} of ${run.records.length}`,
    ...run.caseErrors.map((e) => `  case error ${e}`),
    ...run.skipped.map((s) => `  skipped ${s}`),
    ...(run.failed.length
      ? [
          `Failed keys (${run.failed.length}${run.failed.length > 40 ? ', first 40' : ''}): ${run.failed.slice(0, 40).join(' ')}`,
        ]
      : []),
  ].join('\n');
}
