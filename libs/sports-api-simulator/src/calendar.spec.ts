// The fixture calendar is generated relative to "now": today, tomorrow, the weekend and the next
// weeks always have matches, live ones show under type=live, and MM-DD survives New Year.
import { TEAMS, startSimulator, type RunningSimulator } from './index';
import { getJson } from './spec-support';

function mmdd(date: Date): string {
  return `${String(date.getUTCMonth() + 1).padStart(2, '0')}-${String(date.getUTCDate()).padStart(2, '0')}`;
}

const DAY = 86_400_000;

interface SportFixture {
  id: string;
  tournament_id: string;
  startTime: string;
  homeCompetitorName: { en: string };
  awayCompetitorName: { en: string };
}

async function sportFixtures(url: string, type = 'pre_match'): Promise<SportFixture[]> {
  const football = await getJson<SportFixture[]>(`${url}/sports/sports-fixtures?sportId=1&type=${type}`);
  const basketball = await getJson<SportFixture[]>(`${url}/sports/sports-fixtures?sportId=3&type=${type}`);
  return [...football.body, ...basketball.body];
}

describe('sports API simulator: calendar around New Year', () => {
  // Wednesday 30 Dec 2026, 10:00 UTC; the weekend is Sat 2 / Sun 3 Jan 2027.
  const now = new Date('2026-12-30T10:00:00Z');
  let simulator: RunningSimulator;
  let fixtures: SportFixture[];

  beforeAll(async () => {
    simulator = await startSimulator({ now: () => now });
    fixtures = await sportFixtures(simulator.url);
  });
  afterAll(() => simulator.close());

  it('has matches today, tomorrow and on the weekend across the year boundary', () => {
    const days = (prefix: string): SportFixture[] => fixtures.filter((f) => f.startTime.startsWith(prefix));
    expect(days('12-30').length).toBeGreaterThan(0);
    expect(days('12-31').length).toBeGreaterThan(0);
    expect(days('01-02').length).toBeGreaterThan(0);
    expect(days('01-03').length).toBeGreaterThan(0);
    // Tonight and tomorrow, several football tournaments have something on.
    const tournamentsOn = (prefix: string): number => new Set(days(prefix).map((f) => f.tournament_id)).size;
    expect(tournamentsOn('12-30')).toBeGreaterThanOrEqual(3);
    expect(tournamentsOn('12-31')).toBeGreaterThanOrEqual(3);
  });

  it('reaches two to three weeks ahead and never lists past kick-offs as pre-match', () => {
    const horizon = [14, 18].map((offset) => mmdd(new Date(now.getTime() + offset * DAY)));
    for (const prefix of horizon) expect(fixtures.some((f) => f.startTime.startsWith(prefix))).toBe(true);
    const past = ['12-27', '12-28', '12-29'];
    expect(fixtures.some((f) => past.some((p) => f.startTime.startsWith(p)))).toBe(false);
    const earlierToday = fixtures.filter(
      (f) => f.startTime.startsWith('12-30') && f.startTime.slice(6) < '10:00',
    );
    expect(earlierToday).toEqual([]);
  });

  it('gives every catalogue team an upcoming fixture', () => {
    const playing = new Set(fixtures.flatMap((f) => [f.homeCompetitorName.en, f.awayCompetitorName.en]));
    const idle = TEAMS.map((team) => team.name.en).filter((name) => !playing.has(name));
    expect(idle).toEqual([]);
  });

  it('never schedules a club twice on the same day, cups included', () => {
    const seen = new Set<string>();
    const clashes: string[] = [];
    for (const f of fixtures) {
      const day = f.startTime.slice(0, 5);
      for (const team of [f.homeCompetitorName.en, f.awayCompetitorName.en]) {
        const key = `${day}|${team}`;
        if (seen.has(key)) clashes.push(key);
        seen.add(key);
      }
    }
    expect(clashes).toEqual([]);
  });
});

describe('sports API simulator: live fixtures', () => {
  it('moves a fixture from pre_match to live at kick-off and keeps its odds open', async () => {
    let now = new Date('2026-11-28T09:00:00Z'); // a Saturday morning
    const simulator = await startSimulator({ now: () => now });
    try {
      const upcoming = (await getJson(`${simulator.url}/sports/fixtures?tournamentId=566`)).body.slice(1);
      const first = upcoming[0];
      const [month, day, hour, minute] = first.startTime.split(/[- :]/).map(Number);
      const kickoff = Date.UTC(2026, month - 1, day, hour, minute);
      expect((await getJson(`${simulator.url}/sports/fixtures?tournamentId=566&type=live`)).body).toEqual([
        { totalResults: 0 },
      ]);

      now = new Date(kickoff + 30 * 60_000);
      const live = (await getJson(`${simulator.url}/sports/fixtures?tournamentId=566&type=live`)).body;
      expect(live[0].totalResults).toBeGreaterThanOrEqual(1);
      expect(live.slice(1).map((f: { id: string }) => f.id)).toContain(first.id);
      const pre = (await getJson(`${simulator.url}/sports/fixtures?tournamentId=566`)).body.slice(1);
      expect(pre.map((f: { id: string }) => f.id)).not.toContain(first.id);
      const odds = await getJson(
        `${simulator.url}/sports/odds?sportId=1&tournamentId=566&fixtureId=${first.id}`,
      );
      expect(odds.body.status).toBe('Active');

      // After the final whistle the fixture leaves both lists and its markets close.
      now = new Date(kickoff + 3 * 3_600_000);
      const after = (await getJson(`${simulator.url}/sports/fixtures?tournamentId=566&type=live`)).body.slice(
        1,
      );
      expect(after.map((f: { id: string }) => f.id)).not.toContain(first.id);
      const closed = await getJson(
        `${simulator.url}/sports/odds?sportId=1&tournamentId=566&fixtureId=${first.id}`,
      );
      expect(closed.body.status).toBe('Inactive');
    } finally {
      await simulator.close();
    }
  });

  it('has live football on a Saturday evening', async () => {
    const simulator = await startSimulator({ now: () => new Date('2026-11-28T18:00:00Z') });
    try {
      const live = await sportFixtures(simulator.url, 'live');
      expect(live.length).toBeGreaterThan(0);
    } finally {
      await simulator.close();
    }
  });
});

describe('sports API simulator: stability within a day', () => {
  it('keeps fixture ids and kick-offs from morning to evening', async () => {
    let now = new Date('2026-11-25T08:00:00Z');
    const simulator = await startSimulator({ now: () => now });
    try {
      const morning = await sportFixtures(simulator.url);
      now = new Date('2026-11-25T23:00:00Z');
      const evening = await sportFixtures(simulator.url);
      const morningById = new Map(morning.map((f) => [f.id, f.startTime]));
      expect(evening.length).toBeGreaterThan(0);
      for (const f of evening) expect(morningById.get(f.id)).toBe(f.startTime);
    } finally {
      await simulator.close();
    }
  });
});
