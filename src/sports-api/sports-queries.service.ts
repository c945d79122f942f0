import { Injectable, Logger } from '@nestjs/common';
import { CacheService, type SourceReader } from '../cache/cache.service';
import type { Language } from '../common/protocol';
import { foldName } from '../common/text';
import type {
  Balance,
  BetReceipt,
  Catalogue,
  Fetched,
  Fixture,
  FixtureType,
  Odds,
  PlaceBetInput,
  Sport,
  SportsAccount,
  Tournament,
} from './domain';
import { SportsApi } from './sports-api.port';

export interface FixtureQuery {
  /** Only this tournament; otherwise every tournament of every sport. */
  tournamentId?: string;
  /** Canonical team names (as the catalogue spells them); a fixture matches when it features any. */
  teams?: string[];
  /** Inclusive lower bound on kick-off. Defaults to now for upcoming (pre-match) fixtures. */
  from?: Date;
  /** Exclusive upper bound on kick-off. */
  to?: Date;
  /** Live fixtures instead of upcoming ones. */
  live?: boolean;
  language?: Language;
}

type FixtureRef = Pick<Fixture, 'id' | 'sportId' | 'tournamentId'> &
  Partial<Pick<Fixture, 'homeTeam' | 'awayTeam'>>;

/** Folded team names: a few hundred distinct ones, compared on every fixture of every listing. */
const folded = new Map<string, string>();
const FOLDED_MAX = 5_000;

/** Case- and accent-insensitive form used to compare team names. */
function fold(name: string): string {
  let form = folded.get(name);
  if (form === undefined) {
    form = foldName(name);
    if (folded.size >= FOLDED_MAX) folded.clear();
    folded.set(name, form);
  }
  return form;
}

function byKickOff(a: Fixture, b: Fixture): number {
  return a.startTime.getTime() - b.startTime.getTime();
}

/** The fixtures of a kick-off-ordered list that start in [fromMs, toMs), found by binary search. */
function kickOffBetween(fixtures: Fixture[], fromMs: number, toMs: number): Fixture[] {
  const firstAtOrAfter = (ms: number) => {
    let lo = 0;
    let hi = fixtures.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (fixtures[mid].startTime.getTime() < ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return fixtures.slice(firstAtOrAfter(fromMs), firstAtOrAfter(toMs));
}

/**
 * The sports data the agent's tools read: cached, single-flight, stale-on-error. Every answer says
 * whether it came from an expired cache entry because the API failed (`stale`), so the chat can
 * mark the answer degraded. Balance and bets are never cached.
 */
@Injectable()
export class SportsQueries {
  private readonly logger = new Logger(SportsQueries.name);

  /** Plain cached reads; derived values read through the reader `CacheService.derive` hands them. */
  private readonly cached: SourceReader = (namespace, parts, load) => this.cache.getOrSet(namespace, parts, load);

  constructor(
    private readonly api: SportsApi,
    private readonly cache: CacheService,
  ) {}

  /**
   * The sports the book offers: those it has a tournament in. The API's sport list also names
   * sports without any competition, and answering "tennis" after "we don't cover Alcaraz" would
   * contradict the answer before it.
   */
  async sports(language: Language = 'en'): Promise<Fetched<Sport[]>> {
    const [{ value, stale }, tournaments] = await Promise.all([
      this.cache.getOrSet('sports', ['all', language], () => this.api.getSports(language)),
      this.tournaments(language),
    ]);
    const offered = new Set(tournaments.data.map((t) => t.sportId));
    return { data: value.filter((sport) => offered.has(sport.id)), stale: stale || tournaments.stale };
  }

  /** Every tournament of every sport. */
  tournaments(language: Language = 'en'): Promise<Fetched<Tournament[]>> {
    return this.allTournaments(language, this.cached);
  }

  private async allTournaments(language: Language, read: SourceReader): Promise<Fetched<Tournament[]>> {
    const { value, stale } = await read('tournaments', ['all', language], () => this.api.getAllTournaments({ language }));
    return { data: value, stale };
  }

  /** Fixtures by tournament, team(s) and date range, soonest first. */
  async fixtures(query: FixtureQuery = {}): Promise<Fetched<Fixture[]>> {
    const language = query.language ?? 'en';
    const type: FixtureType = query.live ? 'live' : 'pre_match';
    const listed = await this.listing(query.tournamentId, type, language);
    let candidates = listed.all;
    let stale = listed.stale;
    if (query.teams?.length) {
      // Team names are canonical (English): match on the English listing, answer in the asked language.
      const english = language === 'en' ? listed : await this.listing(query.tournamentId, type, 'en');
      stale ||= english.stale;
      candidates = listed.featuring(query.teams.map(fold), english);
    }
    const from = query.from ?? (query.live ? undefined : new Date());
    const data = kickOffBetween(candidates, from?.getTime() ?? -Infinity, query.to?.getTime() ?? Infinity);
    return { data, stale };
  }

  /**
   * The next fixture featuring `teamA` (and `teamB`, in either order, when given): an upcoming
   * one first, else one being played now. `data` is undefined when there is none.
   */
  async findMatch(
    teamA: string,
    teamB?: string,
    language: Language = 'en',
  ): Promise<Fetched<Fixture | undefined>> {
    // Team matching happens inside fixtures() on the canonical (English) listing, so a translated
    // name ("Atlético de Madrid") still matches; a head-to-head is a fixture in both teams' lists.
    let stale = false;
    for (const live of [false, true]) {
      const ofA = await this.fixtures({ teams: [teamA], language, live });
      const ofB = teamB ? await this.fixtures({ teams: [teamB], language, live }) : undefined;
      stale ||= ofA.stale || (ofB?.stale ?? false);
      const idsOfB = ofB ? new Set(ofB.data.map((f) => f.id)) : undefined;
      const match = ofA.data.find((f) => !idsOfB || idsOfB.has(f.id));
      if (match) return { data: match, stale };
    }
    return { data: undefined, stale };
  }

  /** Odds of one fixture, with the sport, tournament and fixture ids the API needs to answer Active. */
  async odds(fixture: FixtureRef): Promise<Fetched<Odds>> {
    const ids = { sportId: fixture.sportId, tournamentId: fixture.tournamentId, fixtureId: fixture.id };
    const { value, stale } = await this.cache.getOrSet(
      'odds',
      [ids.sportId, ids.tournamentId, ids.fixtureId],
      () => this.api.getOdds(ids),
    );
    return { data: value, stale };
  }

  /** Always read live: money is never served from a cache. */
  async balance(account: SportsAccount): Promise<Fetched<Balance>> {
    return { data: await this.api.getBalance(account), stale: false };
  }

  /** Sent once, never cached nor retried; the balance after the bet is read back when possible. */
  async placeBet(input: PlaceBetInput): Promise<BetReceipt> {
    const receipt = await this.api.placeBet(input);
    if (receipt.balance !== undefined) return receipt;
    try {
      const balance = await this.api.getBalance(input.account);
      return { ...receipt, balance: balance.money };
    } catch (error) {
      this.logger.warn(
        `bet ${receipt.betId} placed; reading the balance back failed: ${(error as Error).message}`,
      );
      return receipt;
    }
  }

  /** All tournaments and the teams that play in them, for resolving what users type. */
  async catalogue(): Promise<Fetched<Catalogue>> {
    try {
      const { value, stale } = await this.cache.getOrSet('tournaments', ['catalogue'], async () => {
        const built = await this.buildCatalogue();
        // A catalogue missing some tournaments is not kept for 24 h: the last complete one is
        // served instead when there is one, else this partial one, flagged stale.
        if (built.stale) throw new PartialCatalogue(built.data);
        return built.data;
      });
      return { data: value, stale };
    } catch (error) {
      if (error instanceof PartialCatalogue) return { data: error.catalogue, stale: true };
      throw error;
    }
  }

  private async buildCatalogue(): Promise<Fetched<Catalogue>> {
    const tournaments = await this.tournaments('en');
    const teams = new Map<string, { name: string; tournamentIds: Set<string> }>();
    const perTournament = await this.perTournament(tournaments.data, 'pre_match', 'en');
    for (const fixture of perTournament.data) {
      for (const name of [fixture.homeTeam, fixture.awayTeam]) {
        const entry = teams.get(fold(name)) ?? { name, tournamentIds: new Set<string>() };
        entry.tournamentIds.add(fixture.tournamentId);
        teams.set(fold(name), entry);
      }
    }
    return {
      data: {
        tournaments: tournaments.data.map(({ id, sportId, name }) => ({ id, sportId, name })),
        teams: [...teams.values()]
          .map((t) => ({ name: t.name, tournamentIds: [...t.tournamentIds].sort() }))
          .sort((a, b) => a.name.localeCompare(b.name)),
      },
      stale: tournaments.stale || perTournament.stale,
    };
  }

  /**
   * A tournament's fixtures, or every tournament's, as an indexed listing in kick-off order. The
   * merged listing is derived from the cached per-tournament ones and rebuilt only when one of
   * them changes, so a question costs a few map lookups instead of a pass over every fixture.
   */
  private async listing(tournamentId: string | undefined, type: FixtureType, language: Language): Promise<FixtureListing> {
    if (tournamentId !== undefined) {
      return this.cache.derive(`fixtures:${tournamentId}:${type}:${language}`, async (read) => {
        const one = await this.tournamentFixtures(String(tournamentId), type, language, read);
        return new FixtureListing(one.data, one.stale);
      });
    }
    return this.cache.derive(`fixtures:all:${type}:${language}`, async (read) => {
      const tournaments = await this.allTournaments(language, read);
      const all = await this.perTournament(tournaments.data, type, language, read);
      return new FixtureListing(all.data, all.stale || tournaments.stale);
    });
  }

  /**
   * Fixtures of many tournaments. One tournament failing with nothing cached does not sink the
   * others: the answer is then partial and flagged stale (degraded); only a total failure throws.
   */
  private async perTournament(
    tournaments: Tournament[],
    type: FixtureType,
    language: Language,
    read: SourceReader = this.cached,
  ): Promise<Fetched<Fixture[]>> {
    const results = await Promise.allSettled(
      tournaments.map((t) => this.tournamentFixtures(t.id, type, language, read)),
    );
    const data: Fixture[] = [];
    let stale = false;
    let succeeded = 0;
    let firstError: unknown;
    for (const result of results) {
      if (result.status === 'fulfilled') {
        succeeded++;
        data.push(...result.value.data);
        stale ||= result.value.stale;
      } else {
        firstError ??= result.reason;
        stale = true;
      }
    }
    if (succeeded === 0 && results.length > 0) throw firstError;
    return { data, stale };
  }

  private async tournamentFixtures(
    tournamentId: string,
    type: FixtureType,
    language: Language,
    read: SourceReader = this.cached,
  ): Promise<Fetched<Fixture[]>> {
    // Live listings change by the minute, so they follow the short odds TTL, not the 4 h fixtures TTL.
    const namespace = type === 'live' ? 'odds' : 'fixtures';
    const { value, stale } = await read(
      namespace,
      ['fixtures', tournamentId, type, language],
      () => this.api.getFixtures({ tournamentId, type, language }),
    );
    return { data: reviveDates(value), stale };
  }
}

/**
 * Fixtures in kick-off order (ties keep the API's order), with the lookups questions need: by
 * id, and by the folded name of either team. Built once per cached listing and shared, so it is
 * never changed after construction.
 */
class FixtureListing {
  readonly all: Fixture[];
  private readonly position = new Map<string, number>();
  private readonly byTeam = new Map<string, Fixture[]>();

  constructor(
    fixtures: Fixture[],
    readonly stale: boolean,
  ) {
    this.all = [...fixtures].sort(byKickOff);
    this.all.forEach((f, i) => {
      this.position.set(f.id, i);
      for (const team of new Set([fold(f.homeTeam), fold(f.awayTeam)])) {
        const list = this.byTeam.get(team);
        if (list) list.push(f);
        else this.byTeam.set(team, [f]);
      }
    });
  }

  /**
   * This listing's fixtures featuring any of the teams (folded names), as `names` — the same
   * listing in the language team names are matched in — knows them, in this listing's order.
   */
  featuring(teams: string[], names: FixtureListing): Fixture[] {
    const indexes = new Set<number>();
    for (const team of teams) {
      for (const f of names.byTeam.get(team) ?? []) {
        const i = this.position.get(f.id);
        if (i !== undefined) indexes.add(i);
      }
    }
    return [...indexes].sort((a, b) => a - b).map((i) => this.all[i]);
  }
}

class PartialCatalogue extends Error {
  constructor(readonly catalogue: Catalogue) {
    super('catalogue built from partial or stale data');
  }
}

/**
 * Values that went through Redis come back as JSON: startTime is a string again. A listing served
 * from the process-local tier already holds Dates and is returned as it is, without a copy.
 */
function reviveDates(fixtures: Fixture[]): Fixture[] {
  if (fixtures.every((f) => f.startTime instanceof Date)) return fixtures;
  return fixtures.map((f) =>
    f.startTime instanceof Date ? f : { ...f, startTime: new Date(f.startTime as unknown as string) },
  );
}
