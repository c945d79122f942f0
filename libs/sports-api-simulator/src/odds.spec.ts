// /sports/odds: Active only for a matching sport/tournament/fixture, both selection shapes,
// bookmaker margins, favourites from team strength, stability and slow drift.
import { FEATURED_FIXTURE_ID, startSimulator, type RunningSimulator } from './index';
import { example, getJson, postJson, shapeOf } from './spec-support';

const NOW = new Date('2026-11-25T10:00:00Z');

interface Selection {
  name: string;
  odds: number;
  profit: number;
  betId: number;
}
type Market = Record<string, Selection>;

interface FixtureRef {
  id: string;
  tournament_id: string;
  sportId: string;
  home: string;
  away: string;
}

async function allUpcoming(url: string): Promise<FixtureRef[]> {
  const refs: FixtureRef[] = [];
  for (const sportId of ['1', '3']) {
    const { body } = await getJson(`${url}/sports/sports-fixtures?sportId=${sportId}`);
    for (const f of body) {
      refs.push({
        id: f.id,
        tournament_id: f.tournament_id,
        sportId,
        home: f.homeCompetitorName.en,
        away: f.awayCompetitorName.en,
      });
    }
  }
  return refs;
}

function oddsUrl(url: string, f: FixtureRef, amount = 1): string {
  return `${url}/sports/odds?sportId=${f.sportId}&tournamentId=${f.tournament_id}&fixtureId=${f.id}&amount=${amount}`;
}

function marketsOf(document: Record<string, unknown>): Array<[string, Market]> {
  return Object.entries(document).filter(
    (entry): entry is [string, Market] => typeof entry[1] === 'object' && entry[1] !== null,
  );
}

describe('sports API simulator: odds', () => {
  let simulator: RunningSimulator;
  let fixtures: FixtureRef[];

  beforeAll(async () => {
    simulator = await startSimulator({ now: () => NOW });
    fixtures = await allUpcoming(simulator.url);
  });
  afterAll(() => simulator.close());

  it('is Active for the Swagger defaults, with the example keys in order and all six markets', async () => {
    const { status, body } = await getJson(`${simulator.url}/sports/odds?amount=100`);
    expect(status).toBe(200);
    expect(body.status).toBe('Active');
    expect(Object.keys(body)).toEqual(Object.keys(example('odds') as object));
    expect(shapeOf(body)).toEqual(shapeOf(example('odds')));
    const offered = marketsOf(body).map(([key]) => key);
    expect(offered).toEqual([
      'result',
      'both_teams_to_score',
      'double_chance',
      'over_under',
      'handicap',
      'half_time_result',
    ]);
  });

  it('computes profit as odds × amount, rounded to the cent', async () => {
    const { body } = await getJson(
      `${simulator.url}/sports/odds?fixtureId=${FEATURED_FIXTURE_ID}&amount=37.5`,
    );
    for (const [, market] of marketsOf(body)) {
      for (const selection of Object.values(market)) {
        expect(selection.profit).toBe(Math.round(selection.odds * 37.5 * 100) / 100);
      }
    }
    const unit = await getJson(`${simulator.url}/sports/odds`);
    expect(unit.body.result.homeTeam.profit).toBe(unit.body.result.homeTeam.odds);
  });

  it('carries team names and lines in selection names', async () => {
    const { body } = await getJson(`${simulator.url}/sports/odds`);
    const home = body.result.homeTeam.name;
    const away = body.result.awayTeam.name;
    expect(body.result.tie.name).toBe('Draw');
    expect(body.double_chance.homeTeam_or_draw.name).toBe(`${home} or Draw`);
    expect(body.over_under.over.name).toMatch(/^Over \d+\.5$/);
    expect(body.over_under.under.name).toBe(body.over_under.over.name.replace('Over', 'Under'));
    const line = Number(body.handicap.homeTeam.name.slice(home.length + 1));
    expect(body.handicap.homeTeam.name.startsWith(`${home} `)).toBe(true);
    expect(Number(body.handicap.awayTeam.name.slice(away.length + 1))).toBe(-line);
  });

  it('answers 200 Inactive, every market null, when any id does not match', async () => {
    const inactive = example('odds-inactive');
    const featured = fixtures.find((f) => f.id === FEATURED_FIXTURE_ID)!;
    const other = fixtures.find((f) => f.tournament_id !== featured.tournament_id && f.sportId === '1')!;
    const urls = [
      `${simulator.url}/sports/odds?sportId=3&tournamentId=566&fixtureId=${FEATURED_FIXTURE_ID}`,
      `${simulator.url}/sports/odds?sportId=1&tournamentId=${other.tournament_id}&fixtureId=${FEATURED_FIXTURE_ID}`,
      `${simulator.url}/sports/odds?sportId=1&tournamentId=566&fixtureId=1`,
      `${simulator.url}/sports/odds?fixtureId=${other.id}`,
    ];
    for (const url of urls) {
      const { status, body } = await getJson(url);
      expect(status).toBe(200);
      expect(body).toEqual(inactive);
    }
    expect((await getJson(oddsUrl(simulator.url, other))).body.status).toBe('Active');
  });

  it('keeps every market of every fixture within a 4–8 % bookmaker margin', async () => {
    expect(fixtures.length).toBeGreaterThan(100);
    for (const fixture of fixtures) {
      const { body } = await getJson(oddsUrl(simulator.url, fixture));
      expect(body.status).toBe('Active');
      const markets = marketsOf(body);
      expect(markets.length).toBe(fixture.sportId === '1' ? 6 : 3);
      for (const [key, market] of markets) {
        const implied = Object.values(market).reduce((sum, s) => sum + 1 / s.odds, 0);
        // Double chance outcomes cover two results each, so their fair probabilities sum to 2.
        const margin = key === 'double_chance' ? implied / 2 - 1 : implied - 1;
        if (margin < 0.04 || margin > 0.08) throw new Error(`${fixture.id} ${key}: margin ${margin}`);
        for (const s of Object.values(market)) expect(s.odds).toBeGreaterThan(1);
      }
    }
  });

  it('makes the stronger side the favourite', async () => {
    const mismatch =
      fixtures.find(
        (f) => f.home === 'Real Madrid' && ['Valencia', 'Sevilla', 'Girona', 'Real Betis'].includes(f.away),
      ) ??
      fixtures.find(
        (f) => f.away === 'Real Madrid' && ['Valencia', 'Sevilla', 'Girona', 'Real Betis'].includes(f.home),
      );
    expect(mismatch).toBeDefined();
    const { body } = await getJson(oddsUrl(simulator.url, mismatch!));
    const madrid = mismatch!.home === 'Real Madrid' ? body.result.homeTeam : body.result.awayTeam;
    const underdog = mismatch!.home === 'Real Madrid' ? body.result.awayTeam : body.result.homeTeam;
    expect(madrid.odds).toBeLessThan(2);
    expect(underdog.odds).toBeGreaterThan(madrid.odds * 2);
  });

  it('gives every selection a unique betId', async () => {
    const seen = new Set<number>();
    let count = 0;
    for (const fixture of fixtures.slice(0, 60)) {
      const { body } = await getJson(oddsUrl(simulator.url, fixture));
      for (const [, market] of marketsOf(body)) {
        for (const selection of Object.values(market)) {
          expect(typeof selection.betId).toBe('number');
          seen.add(selection.betId);
          count += 1;
        }
      }
    }
    expect(seen.size).toBe(count);
  });
});

describe('sports API simulator: odds over time and across instances', () => {
  it('is deterministic for one seed and clock, and differs for another seed', async () => {
    const a = await startSimulator({ now: () => NOW, seed: 7 });
    const b = await startSimulator({ now: () => NOW, seed: 7 });
    const c = await startSimulator({ now: () => NOW, seed: 8 });
    try {
      const fixturesA = (await getJson(`${a.url}/sports/sports-fixtures`)).body;
      expect((await getJson(`${b.url}/sports/sports-fixtures`)).body).toEqual(fixturesA);
      expect((await getJson(`${b.url}/sports/odds`)).body).toEqual(
        (await getJson(`${a.url}/sports/odds`)).body,
      );
      const oddsC = (await getJson(`${c.url}/sports/odds`)).body;
      const fixturesC = (await getJson(`${c.url}/sports/sports-fixtures`)).body;
      const sameOdds = JSON.stringify(oddsC) === JSON.stringify((await getJson(`${a.url}/sports/odds`)).body);
      const sameFixtures = JSON.stringify(fixturesC) === JSON.stringify(fixturesA);
      expect(sameOdds && sameFixtures).toBe(false);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('holds prices within a 15-minute step and drifts only a few percent over hours', async () => {
    let now = NOW;
    const simulator = await startSimulator({ now: () => now });
    try {
      const read = async (): Promise<number[]> => {
        const { body } = await getJson(`${simulator.url}/sports/odds`);
        return marketsOf(body).flatMap(([, m]) => Object.values(m).map((s) => s.odds));
      };
      const start = await read();
      now = new Date(NOW.getTime() + 5 * 60_000);
      expect(await read()).toEqual(start);
      now = new Date(NOW.getTime() + 4 * 3_600_000);
      const later = await read();
      expect(later).not.toEqual(start);
      later.forEach((odds, i) => expect(Math.abs(odds / start[i] - 1)).toBeLessThan(0.15));
    } finally {
      await simulator.close();
    }
  });

  it('moves its clock on demand: the admin route and advanceClock step the prices like time passing', async () => {
    const simulator = await startSimulator({ now: () => NOW });
    try {
      const read = async (): Promise<unknown> => (await getJson(`${simulator.url}/sports/odds`)).body;
      const start = await read();
      expect((await getJson(`${simulator.url}/__admin/clock`)).body).toEqual({ now: NOW.toISOString(), offsetMs: 0 });

      const moved = await postJson(`${simulator.url}/__admin/clock`, { advanceMs: 4 * 3_600_000 });
      expect(moved.body).toEqual({ now: new Date(NOW.getTime() + 4 * 3_600_000).toISOString(), offsetMs: 4 * 3_600_000 });
      const later = await read();
      expect(later).not.toEqual(start);

      simulator.advanceClock(60_000);
      expect((await getJson(`${simulator.url}/__admin/clock`)).body).toMatchObject({ offsetMs: 4 * 3_600_000 + 60_000 });
      expect(await read()).toEqual(later);

      expect((await postJson(`${simulator.url}/__admin/clock`, { advanceMs: -1 })).status).toBe(400);
      expect((await postJson(`${simulator.url}/__admin/clock`, { reset: true })).body).toEqual({ now: NOW.toISOString(), offsetMs: 0 });
      expect(await read()).toEqual(start);
    } finally {
      await simulator.close();
    }
  });

  it('serves the QA-era options shape when switched, keyed by betId strings', async () => {
    const classic = await startSimulator({ now: () => NOW });
    const options = await startSimulator({ now: () => NOW, oddsShape: 'options' });
    try {
      const plain = (await getJson(`${classic.url}/sports/odds`)).body;
      const { body } = await getJson(`${options.url}/sports/odds`);
      expect(Object.keys(body)).toEqual(Object.keys(example('odds-options-variant') as object));
      const result = body.result.options as Record<string, { name: string; odd: number }>;
      expect(Object.values(result).map((o) => o.name)).toEqual(['Home', 'Draw', 'Away']);
      expect(Object.keys(result)).toEqual(
        ['homeTeam', 'tie', 'awayTeam'].map((k) => String(plain.result[k].betId)),
      );
      expect(Object.values(result).map((o) => o.odd)).toEqual(
        ['homeTeam', 'tie', 'awayTeam'].map((k) => plain.result[k].odds),
      );
      const sample = example('odds-options-variant') as { over_under: { options: Record<string, unknown> } };
      const sampleOption = Object.values(sample.over_under.options)[0];
      expect(shapeOf(Object.values(body.over_under.options)[0])).toEqual(shapeOf(sampleOption));
    } finally {
      await Promise.all([classic.close(), options.close()]);
    }
  });

  it('can switch the shape at run time through the admin route', async () => {
    const simulator = await startSimulator({ now: () => NOW });
    try {
      await fetch(`${simulator.url}/__admin/config`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ oddsShape: 'options' }),
      });
      expect((await getJson(`${simulator.url}/sports/odds`)).body.result).toHaveProperty('options');
    } finally {
      await simulator.close();
    }
  });
});
