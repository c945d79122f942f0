import type { Language } from '../../../src/common/protocol';
import {
  accountId,
  type Balance,
  type BetReceipt,
  type Catalogue,
  type Fetched,
  type Fixture,
  type Market,
  type Odds,
  type PlaceBetInput,
  type Sport,
  type SportsAccount,
  type Tournament,
} from '../../../src/sports-api/domain';
import { type FixtureQuery, SportsData } from '../../../src/llm/tools/sports-data.port';

const HOUR = 3_600_000;

interface FakeFixture {
  fixture: Fixture;
  result: [number, number, number];
  overUnder?: [number, number];
  doubleChance?: [number, number, number];
  btts?: [number, number];
}

/**
 * A strict in-memory SportsData for agent and tool tests: a small, fixed sportsbook relative to
 * `now`, switchable failures, and a record of every call. `placeBet` records and refuses, so a
 * test can prove no tool ever calls it.
 */
export class FakeSportsData extends SportsData {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  readonly placedBets: PlaceBetInput[] = [];
  failOdds = false;
  failAll = false;
  staleOdds = false;
  oddsDelayMs = 0;
  money = 1250.5;

  readonly sportsList: Sport[] = [
    { id: '1', name: 'Football' },
    { id: '3', name: 'Basketball' },
  ];
  readonly tournamentList: Tournament[] = [
    { id: '10', sportId: '1', name: 'La Liga', country: 'Spain' },
    { id: '11', sportId: '1', name: 'Premier League', country: 'England' },
    { id: '12', sportId: '1', name: 'Ligue 1', country: 'France' },
    { id: '13', sportId: '1', name: 'Bundesliga', country: 'Germany' },
    { id: '14', sportId: '1', name: 'Serie A', country: 'Italy' },
  ];
  readonly book: FakeFixture[];

  constructor(readonly now: Date = new Date()) {
    super();
    const at = (hours: number) => new Date(Math.floor(now.getTime() / HOUR) * HOUR + hours * HOUR);
    const fx = (
      id: string,
      tournamentId: string,
      homeTeam: string,
      awayTeam: string,
      start: Date,
      type: Fixture['type'] = 'pre_match',
    ): Fixture => ({
      id,
      sportId: '1',
      tournamentId,
      tournamentName: this.tournamentList.find((t) => t.id === tournamentId)!.name,
      homeTeam,
      awayTeam,
      startTime: start,
      type,
    });
    this.book = [
      {
        fixture: fx('f1', '10', 'Barcelona', 'Real Madrid', at(30)),
        result: [1.85, 3.6, 4.2],
        overUnder: [1.8, 2.0],
        doubleChance: [1.22, 1.95, 1.3],
        btts: [1.7, 2.05],
      },
      {
        fixture: fx('f2', '11', 'Arsenal', 'Chelsea', at(52)),
        result: [2.1, 3.4, 3.3],
        overUnder: [1.9, 1.9],
        doubleChance: [1.3, 1.7, 1.33],
      },
      {
        fixture: fx('f3', '12', 'Paris Saint-Germain', 'Olympique de Marseille', at(76)),
        result: [1.45, 4.5, 6.5],
        doubleChance: [1.1, 2.5, 1.2],
      },
      {
        fixture: fx('f4', '10', 'Sevilla', 'Atletico Madrid', at(-1), 'live'),
        result: [3.1, 3.2, 2.3],
        doubleChance: [1.6, 1.35, 1.38],
      },
      {
        fixture: fx('f5', '14', 'Inter', 'Juventus', at(100)),
        result: [2.25, 3.1, 3.4],
        doubleChance: [1.3, 1.62, 1.36],
      },
      {
        fixture: fx('f6', '13', 'Bayern Munich', 'Borussia Dortmund', at(124)),
        result: [1.55, 4.6, 5.2],
        overUnder: [1.6, 2.3],
      },
      { fixture: fx('f7', '10', 'Real Madrid', 'Valencia', at(150)), result: [1.4, 4.8, 7.5] },
    ];
  }

  private record(method: string, ...args: unknown[]): void {
    this.calls.push({ method, args });
    if (this.failAll) throw new Error('sports API down');
  }

  called(method: string): number {
    return this.calls.filter((c) => c.method === method).length;
  }

  sports(language?: Language): Promise<Fetched<Sport[]>> {
    this.record('sports', language);
    return Promise.resolve({ data: this.sportsList, stale: false });
  }

  tournaments(language?: Language): Promise<Fetched<Tournament[]>> {
    this.record('tournaments', language);
    return Promise.resolve({ data: this.tournamentList, stale: false });
  }

  fixtures(query: FixtureQuery = {}): Promise<Fetched<Fixture[]>> {
    this.record('fixtures', query);
    const wanted = (query.teams ?? []).map((t) => t.toLowerCase());
    const from = query.from ?? (query.live ? undefined : this.now);
    const data = this.book
      .map((b) => b.fixture)
      .filter((f) => (query.live ? f.type === 'live' : f.type === 'pre_match'))
      .filter((f) => !query.tournamentId || f.tournamentId === query.tournamentId)
      .filter(
        (f) =>
          wanted.length === 0 ||
          wanted.includes(f.homeTeam.toLowerCase()) ||
          wanted.includes(f.awayTeam.toLowerCase()),
      )
      .filter((f) => !from || f.startTime >= from)
      .filter((f) => !query.to || f.startTime < query.to)
      .sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    return Promise.resolve({ data, stale: false });
  }

  findMatch(teamA: string, teamB?: string, language?: Language): Promise<Fetched<Fixture | undefined>> {
    this.record('findMatch', teamA, teamB, language);
    const has = (f: Fixture, t: string) =>
      [f.homeTeam, f.awayTeam].some((n) => n.toLowerCase() === t.toLowerCase());
    const list = this.book
      .map((b) => b.fixture)
      .sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
    const match =
      list.find((f) => f.type === 'pre_match' && has(f, teamA) && (!teamB || has(f, teamB))) ??
      list.find((f) => has(f, teamA) && (!teamB || has(f, teamB)));
    return Promise.resolve({ data: match, stale: false });
  }

  async odds(fixture: Fixture): Promise<Fetched<Odds>> {
    this.record('odds', fixture.id);
    if (this.oddsDelayMs) await new Promise((r) => setTimeout(r, this.oddsDelayMs).unref());
    if (this.failOdds) throw new Error('odds endpoint down');
    const entry = this.book.find((b) => b.fixture.id === fixture.id);
    if (!entry)
      return {
        data: {
          fixtureId: fixture.id,
          sportId: fixture.sportId,
          tournamentId: fixture.tournamentId,
          active: false,
          markets: [],
        },
        stale: false,
      };
    const f = entry.fixture;
    const markets: Market[] = [
      {
        key: 'result',
        selections: [
          { outcome: 'home', name: f.homeTeam, odd: entry.result[0], betId: `${f.id}-1` },
          { outcome: 'draw', name: 'Draw', odd: entry.result[1], betId: `${f.id}-X` },
          { outcome: 'away', name: f.awayTeam, odd: entry.result[2], betId: `${f.id}-2` },
        ],
      },
    ];
    if (entry.doubleChance) {
      markets.push({
        key: 'double_chance',
        selections: [
          {
            outcome: 'home_or_draw',
            name: `${f.homeTeam} or Draw`,
            odd: entry.doubleChance[0],
            betId: `${f.id}-1X`,
          },
          {
            outcome: 'home_or_away',
            name: `${f.homeTeam} or ${f.awayTeam}`,
            odd: entry.doubleChance[1],
            betId: `${f.id}-12`,
          },
          {
            outcome: 'away_or_draw',
            name: `${f.awayTeam} or Draw`,
            odd: entry.doubleChance[2],
            betId: `${f.id}-X2`,
          },
        ],
      });
    }
    if (entry.overUnder) {
      markets.push({
        key: 'over_under',
        line: 2.5,
        selections: [
          { outcome: 'over', name: 'Over 2.5', odd: entry.overUnder[0], betId: `${f.id}-O` },
          { outcome: 'under', name: 'Under 2.5', odd: entry.overUnder[1], betId: `${f.id}-U` },
        ],
      });
    }
    if (entry.btts) {
      markets.push({
        key: 'both_teams_to_score',
        selections: [
          { outcome: 'yes', name: 'Yes', odd: entry.btts[0], betId: `${f.id}-Y` },
          { outcome: 'no', name: 'No', odd: entry.btts[1], betId: `${f.id}-N` },
        ],
      });
    }
    return {
      data: { fixtureId: f.id, sportId: f.sportId, tournamentId: f.tournamentId, active: true, markets },
      stale: this.staleOdds,
    };
  }

  balance(account: SportsAccount): Promise<Fetched<Balance>> {
    const userId = accountId(account);
    this.record('balance', userId);
    return Promise.resolve({
      data: {
        userId,
        money: this.money,
        playableBalance: this.money,
        withdrawableBalance: 1000,
        currency: 'USD',
      },
      stale: false,
    });
  }

  placeBet(input: PlaceBetInput): Promise<BetReceipt> {
    this.record('placeBet', input);
    this.placedBets.push(input);
    return Promise.reject(new Error('tools must never place bets'));
  }

  catalogue(): Promise<Fetched<Catalogue>> {
    this.record('catalogue');
    const teams = new Map<string, Set<string>>();
    for (const { fixture } of this.book) {
      for (const name of [fixture.homeTeam, fixture.awayTeam])
        teams.set(name, (teams.get(name) ?? new Set()).add(fixture.tournamentId));
    }
    return Promise.resolve({
      data: {
        tournaments: this.tournamentList.map(({ id, sportId, name }) => ({ id, sportId, name })),
        teams: [...teams].map(([name, ids]) => ({ name, tournamentIds: [...ids] })),
      },
      stale: false,
    });
  }
}
