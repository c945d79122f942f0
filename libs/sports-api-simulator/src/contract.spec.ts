// The simulator speaks the ChatBet contract: shapes, quirks and defaults of
// /work/shared/sports-api/CONTRACT.md, checked over real HTTP against the recorded examples.
import { FEATURED_FIXTURE_ID, startSimulator, type RunningSimulator } from './index';
import { example, getJson, shapeOf } from './spec-support';

// Wednesday 25 Nov 2026, 10:00 UTC.
const NOW = new Date('2026-11-25T10:00:00Z');

describe('sports API simulator: catalogue contract', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ now: () => NOW });
  });
  afterAll(() => simulator.close());

  it('serves /sports exactly as the example', async () => {
    const { status, body } = await getJson(`${simulator.url}/sports`);
    expect(status).toBe(200);
    expect(body).toEqual(example('sports'));
  });

  it('serves /sports/tournaments with the example shape, defaulting to football', async () => {
    const { body } = await getJson(`${simulator.url}/sports/tournaments`);
    expect(shapeOf(body)).toEqual(shapeOf(example('tournaments')));
    expect(body.length).toBeGreaterThanOrEqual(10);
    expect(body.every((t: { sport_name: { en: string } }) => t.sport_name.en === 'Football')).toBe(true);
    expect(body).toContainEqual(
      expect.objectContaining({ tournament_id: '566', tournament_name: 'Premier League' }),
    );

    const basketball = await getJson(`${simulator.url}/sports/tournaments?sport_id=3`);
    expect(basketball.body.map((t: { tournament_name: string }) => t.tournament_name)).toEqual(['NBA']);
  });

  it('localises tournament names for es and pt_br', async () => {
    const name = async (language: string): Promise<string> => {
      const { body } = await getJson(`${simulator.url}/sports/tournaments?language=${language}`);
      return body.find((t: { tournament_id: string }) => t.tournament_id === '27910131').tournament_name;
    };
    expect(await name('en')).toBe('Champions League');
    expect(await name('es')).toBe('Liga de Campeones');
    expect(await name('pt_br')).toBe('Liga dos Campeões');
  });

  it('drops tournaments without fixtures only when with_active_fixtures=true', async () => {
    const ids = async (flag: string): Promise<string[]> =>
      (await getJson(`${simulator.url}/sports/tournaments?with_active_fixtures=${flag}`)).body.map(
        (t: { tournament_id: string }) => t.tournament_id,
      );
    const all = await ids('false');
    const active = await ids('true');
    expect(all).toContain('27910140');
    expect(active).not.toContain('27910140');
    expect(active.length).toBe(all.length - 1);
  });

  it('serves /sports/all-tournaments grouped by sport, with camelCase ids', async () => {
    const { body } = await getJson(`${simulator.url}/sports/all-tournaments?with_active_fixtures=true`);
    expect(shapeOf(body)).toEqual(shapeOf(example('all-tournaments')));
    expect(body.map((sport: { id: string }) => sport.id)).toEqual(['1', '3']);
  });

  it('answers 422 in FastAPI form for a bad enum query value', async () => {
    const { status, body } = await getJson(`${simulator.url}/sports/fixtures?type=tomorrow`);
    expect(status).toBe(422);
    expect(body.detail[0]).toMatchObject({ type: 'enum', loc: ['query', 'type'], input: 'tomorrow' });
  });

  it('answers 404 with a FastAPI body for unknown paths', async () => {
    const { status, body } = await getJson(`${simulator.url}/nope`);
    expect(status).toBe(404);
    expect(body).toEqual({ detail: 'Not Found' });
  });
});

describe('sports API simulator: fixtures contract', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ now: () => NOW });
  });
  afterAll(() => simulator.close());

  it('starts /sports/fixtures with a totalResults head and defaults to tournament 566', async () => {
    const { status, body } = await getJson(`${simulator.url}/sports/fixtures`);
    expect(status).toBe(200);
    expect(shapeOf(body.slice(0, 1))).toEqual(shapeOf((example('fixtures') as unknown[]).slice(0, 1)));
    expect(shapeOf(body.slice(1))).toEqual(shapeOf((example('fixtures') as unknown[]).slice(1)));
    expect(body[0].totalResults).toBe(body.length - 1);
    expect(body.length).toBeGreaterThan(1);
    expect(body.slice(1).every((f: { tournament: { id: string } }) => f.tournament.id === '566')).toBe(true);
    expect(body.slice(1).map((f: { id: string }) => f.id)).toContain(FEATURED_FIXTURE_ID);
    for (const fixture of body.slice(1)) expect(fixture.startTime).toMatch(/^\d\d-\d\d \d\d:\d\d$/);
  });

  it('ignores unknown query parameters', async () => {
    const plain = await getJson(`${simulator.url}/sports/fixtures?tournamentId=545`);
    const noisy = await getJson(
      `${simulator.url}/sports/fixtures?tournamentId=545&sport=1&date=today&lang=es`,
    );
    expect(noisy.body).toEqual(plain.body);
  });

  it('returns the bare totalResults head for a tournament without fixtures', async () => {
    const unknown = await getJson(`${simulator.url}/sports/fixtures?tournamentId=9999`);
    expect(unknown.body).toEqual(example('fixtures-empty'));
    const offSeason = await getJson(`${simulator.url}/sports/fixtures?tournamentId=27910140`);
    expect(offSeason.body).toEqual(example('fixtures-empty'));
  });

  it('localises competitor names through language', async () => {
    const { body } = await getJson(`${simulator.url}/sports/fixtures?tournamentId=548&language=es`);
    const names = body.slice(1).flatMap((f: any) => [f.homeCompetitor.name, f.awayCompetitor.name]);
    expect(names).toContain('Bayern de Múnich');
    expect(names).not.toContain('Bayern Munich');
  });

  it('serves /sports/sports-fixtures as a plain list with multilingual names', async () => {
    const { body } = await getJson(`${simulator.url}/sports/sports-fixtures`);
    expect(Array.isArray(body)).toBe(true);
    expect(body[0]).not.toHaveProperty('totalResults');
    expect(shapeOf(body)).toEqual(shapeOf(example('sport-fixtures')));
    const tournaments = new Set(body.map((f: { tournament_id: string }) => f.tournament_id));
    expect(tournaments.size).toBeGreaterThanOrEqual(10);
    const champions = body.find((f: { tournament_id: string }) => f.tournament_id === '27910131');
    expect(champions.tournament_name).toEqual({
      en: 'Champions League',
      es: 'Liga de Campeones',
      pt_br: 'Liga dos Campeões',
    });
  });

  it('renders startTime in the requested time zone, UTC for unknown zones', async () => {
    const startOf = async (zone: string): Promise<string> => {
      const { body } = await getJson(
        `${simulator.url}/sports/fixtures?time_zone=${encodeURIComponent(zone)}`,
      );
      return body.find((f: { id?: string }) => f.id === FEATURED_FIXTURE_ID).startTime;
    };
    const utc = await startOf('UTC');
    const [month, day, hour, minute] = utc.split(/[- :]/).map(Number);
    const instant = Date.UTC(2026, month - 1, day, hour, minute);
    const shifted = (hours: number): string => {
      const d = new Date(instant + hours * 3_600_000);
      const pad = (n: number): string => String(n).padStart(2, '0');
      return `${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    };
    expect(await startOf('America/Bogota')).toBe(shifted(-5));
    expect(await startOf('Asia/Tokyo')).toBe(shifted(9));
    expect(await startOf('Not/AZone')).toBe(utc);
  });
});
