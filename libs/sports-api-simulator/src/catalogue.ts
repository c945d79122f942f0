// The static catalogue the simulator serves: sports, tournaments and teams with a strength rating
// that drives the odds. Names are the canonical English ones the assistant's resolver expects.

export type LanguageCode = 'en' | 'es' | 'pt_br';
export const LANGUAGES: readonly LanguageCode[] = ['en', 'es', 'pt_br'];
export type Localised = Record<LanguageCode, string>;

export interface SportEntry {
  id: string;
  alias: string;
  name: Localised;
}

export interface TeamEntry {
  id: string;
  name: Localised;
  /** 0..1; the gap between two teams sets the favourite. */
  rating: number;
}

/**
 * How a tournament plays: `league` = a weekend round and (some weeks) a midweek round on the days of
 * its `rhythm`; `cup` = one round on its cup nights in cup weeks (even ISO-like week numbers);
 * `daily` = a few games every day (NBA).
 */
export type ScheduleKind = 'league' | 'cup' | 'daily';

/** Weekday offsets from Monday (0); 7 is the following Monday. */
export interface RoundDays {
  weekend: number[];
  midweek: number[];
}

/**
 * League rhythms keep at least one free day between a club's matches, cup nights included
 * (Champions League Tue/Wed, Europa League Thu, Libertadores Tue–Thu, all in cup weeks).
 */
export interface LeagueRhythm {
  cupWeek: RoundDays;
  otherWeek: RoundDays;
}

const EUROPE_SAT_SUN_MON: LeagueRhythm = {
  cupWeek: { weekend: [5, 6, 7], midweek: [] },
  otherWeek: { weekend: [5, 6], midweek: [2, 3] },
};
const EUROPE_FRI_SAT_SUN: LeagueRhythm = {
  cupWeek: { weekend: [5, 6], midweek: [] },
  otherWeek: { weekend: [4, 5, 6], midweek: [1, 2] },
};
const EUROPE_SAT_SUN: LeagueRhythm = {
  cupWeek: { weekend: [5, 6], midweek: [] },
  otherWeek: { weekend: [5, 6], midweek: [1, 2] },
};

export interface TournamentEntry {
  id: string;
  sportId: string;
  name: Localised;
  order: number;
  teamIds: string[];
  schedule: ScheduleKind;
  /** Weekday offsets from Monday (0) used by cup rounds. */
  cupDays?: number[];
  /** Match days of a `league`. */
  rhythm?: LeagueRhythm;
  /**
   * Which week numbers are cup weeks for this tournament's region: 0 = even (European cups),
   * 1 = odd (Libertadores), so the two continents' midweeks interleave.
   */
  cupWeekParity?: 0 | 1;
  /** Kick-off times as hours after the match day's UTC midnight (24.5 = 00:30 the next day). */
  kickoffHours: number[];
}

export const DEFAULT_SPORT_ID = '1';
/** Swagger default tournament (Premier League here) and its default fixture. */
export const DEFAULT_TOURNAMENT_ID = '566';
export const FEATURED_FIXTURE_ID = '27907678';

const same = (name: string): Localised => ({ en: name, es: name, pt_br: name });
const loc = (en: string, es: string, pt_br: string): Localised => ({ en, es, pt_br });

export const SPORTS: SportEntry[] = [
  { id: '1', alias: 'Soccer', name: loc('Football', 'Fútbol', 'Futebol') },
  { id: '2', alias: 'Ice Hockey', name: loc('Ice Hockey', 'Hockey sobre hielo', 'Hóquei no gelo') },
  { id: '3', alias: 'Basketball', name: loc('Basketball', 'Baloncesto', 'Basquete') },
  { id: '4', alias: 'Tennis', name: loc('Tennis', 'Tenis', 'Tênis') },
  { id: '5', alias: 'Volleyball', name: loc('Volleyball', 'Voleibol', 'Vôlei') },
];

type TeamSeed = [name: string | Localised, rating: number];

// Competitor ids are grouped per home league: 101xx Premier League, 102xx La Liga, …
const TEAM_GROUPS: Array<[prefix: number, teams: TeamSeed[]]> = [
  [
    101,
    [
      ['Arsenal', 0.89],
      ['Chelsea', 0.82],
      ['Liverpool', 0.9],
      ['Manchester City', 0.9],
      ['Manchester United', 0.78],
      ['Tottenham Hotspur', 0.79],
      ['Newcastle United', 0.8],
      ['Aston Villa', 0.79],
    ],
  ],
  [
    102,
    [
      ['Barcelona', 0.91],
      ['Real Madrid', 0.93],
      [loc('Atletico Madrid', 'Atlético de Madrid', 'Atlético de Madrid'), 0.85],
      ['Sevilla', 0.72],
      ['Valencia', 0.68],
      ['Villarreal', 0.76],
      ['Real Sociedad', 0.75],
      ['Athletic Bilbao', 0.77],
      ['Real Betis', 0.74],
      ['Girona', 0.7],
    ],
  ],
  [
    103,
    [
      [loc('Bayern Munich', 'Bayern de Múnich', 'Bayern de Munique'), 0.91],
      ['Borussia Dortmund', 0.83],
      ['RB Leipzig', 0.8],
      ['Bayer Leverkusen', 0.84],
      ['Eintracht Frankfurt', 0.75],
      ['VfB Stuttgart', 0.74],
      ['VfL Wolfsburg', 0.66],
      ['Borussia Monchengladbach', 0.67],
    ],
  ],
  [
    104,
    [
      ['Juventus', 0.82],
      [loc('Inter', 'Inter de Milán', 'Inter de Milão'), 0.87],
      [loc('AC Milan', 'AC Milan', 'Milan'), 0.81],
      ['Napoli', 0.83],
      ['AS Roma', 0.77],
      ['Lazio', 0.76],
      ['Atalanta', 0.8],
      ['Fiorentina', 0.73],
    ],
  ],
  [
    105,
    [
      ['Paris Saint-Germain', 0.89],
      ['Olympique de Marseille', 0.77],
      ['AS Monaco', 0.78],
      ['Olympique Lyonnais', 0.74],
      ['Lille', 0.75],
      ['OGC Nice', 0.72],
      ['RC Lens', 0.72],
      ['Stade Rennais', 0.7],
    ],
  ],
  [
    106,
    [
      ['Benfica', 0.79],
      ['Porto', 0.77],
      ['Sporting CP', 0.78],
      ['Ajax', 0.73],
      ['PSV Eindhoven', 0.76],
    ],
  ],
  [
    107,
    [
      ['Flamengo', 0.76],
      ['Palmeiras', 0.76],
      ['Corinthians', 0.68],
      [loc('Sao Paulo', 'São Paulo', 'São Paulo'), 0.69],
      ['Fluminense', 0.67],
      ['Botafogo', 0.71],
      [loc('Gremio', 'Grêmio', 'Grêmio'), 0.66],
      [loc('Atletico Mineiro', 'Atlético Mineiro', 'Atlético Mineiro'), 0.69],
    ],
  ],
  [
    108,
    [
      ['Boca Juniors', 0.72],
      ['River Plate', 0.74],
      [loc('Penarol', 'Peñarol', 'Peñarol'), 0.64],
      ['Colo-Colo', 0.63],
    ],
  ],
  [
    109,
    [
      [loc('Club America', 'Club América', 'América'), 0.7],
      ['Chivas', 0.64],
      ['Cruz Azul', 0.67],
      ['Tigres UANL', 0.69],
      ['Monterrey', 0.68],
      ['Pumas UNAM', 0.62],
      ['Toluca', 0.66],
      ['Santos Laguna', 0.6],
    ],
  ],
  [
    110,
    [
      ['LA Galaxy', 0.64],
      ['Inter Miami', 0.66],
      ['LAFC', 0.67],
      ['Seattle Sounders', 0.63],
      ['New York City FC', 0.62],
      ['Atlanta United', 0.61],
      ['Columbus Crew', 0.65],
      ['Orlando City', 0.62],
    ],
  ],
  [
    301,
    [
      ['Boston Celtics', 0.9],
      ['Los Angeles Lakers', 0.78],
      ['Golden State Warriors', 0.76],
      ['Denver Nuggets', 0.85],
      ['Milwaukee Bucks', 0.8],
      ['Miami Heat', 0.74],
      ['New York Knicks', 0.82],
      ['Dallas Mavericks', 0.8],
      ['Phoenix Suns', 0.72],
      ['Oklahoma City Thunder', 0.9],
    ],
  ],
];

export const TEAMS: TeamEntry[] = TEAM_GROUPS.flatMap(([prefix, teams]) =>
  teams.map(([name, rating], index) => ({
    id: String(prefix * 100 + index + 1),
    name: typeof name === 'string' ? same(name) : name,
    rating,
  })),
);

const TEAM_BY_NAME = new Map(TEAMS.map((team) => [team.name.en, team]));
export const TEAM_BY_ID = new Map(TEAMS.map((team) => [team.id, team]));

function ids(...names: string[]): string[] {
  return names.map((name) => {
    const team = TEAM_BY_NAME.get(name);
    if (!team) throw new Error(`catalogue: unknown team ${name}`);
    return team.id;
  });
}

function groupIds(prefix: number): string[] {
  return TEAMS.filter((team) => Math.floor(Number(team.id) / 100) === prefix).map((team) => team.id);
}

export const TOURNAMENTS: TournamentEntry[] = [
  {
    id: DEFAULT_TOURNAMENT_ID,
    sportId: '1',
    name: same('Premier League'),
    order: 1,
    teamIds: groupIds(101),
    schedule: 'league',
    rhythm: EUROPE_SAT_SUN,
    kickoffHours: [12.5, 15, 17.5, 20],
  },
  {
    id: '545',
    sportId: '1',
    name: same('La Liga'),
    order: 2,
    teamIds: groupIds(102),
    schedule: 'league',
    rhythm: EUROPE_SAT_SUN_MON,
    kickoffHours: [13, 15.25, 17.5, 20],
  },
  {
    id: '2988',
    sportId: '1',
    name: same('Serie A'),
    order: 3,
    teamIds: groupIds(104),
    schedule: 'league',
    rhythm: EUROPE_FRI_SAT_SUN,
    kickoffHours: [14, 17, 19.75],
  },
  {
    id: '548',
    sportId: '1',
    name: same('Bundesliga'),
    order: 4,
    teamIds: groupIds(103),
    schedule: 'league',
    rhythm: EUROPE_FRI_SAT_SUN,
    kickoffHours: [14.5, 17.5, 19.5],
  },
  {
    id: '550',
    sportId: '1',
    name: same('Ligue 1'),
    order: 5,
    teamIds: groupIds(105),
    schedule: 'league',
    rhythm: EUROPE_SAT_SUN_MON,
    kickoffHours: [15, 17, 20],
  },
  {
    id: '27910131',
    sportId: '1',
    name: loc('Champions League', 'Liga de Campeones', 'Liga dos Campeões'),
    order: 6,
    teamIds: ids(
      'Real Madrid',
      'Barcelona',
      'Atletico Madrid',
      'Manchester City',
      'Arsenal',
      'Liverpool',
      'Bayern Munich',
      'Borussia Dortmund',
      'Inter',
      'AC Milan',
      'Paris Saint-Germain',
      'Benfica',
      'Porto',
      'Sporting CP',
      'Ajax',
      'PSV Eindhoven',
    ),
    schedule: 'cup',
    cupDays: [1, 2],
    kickoffHours: [17.75, 20],
  },
  {
    id: '27910132',
    sportId: '1',
    name: loc('Europa League', 'Liga Europa', 'Liga Europa'),
    order: 7,
    teamIds: ids(
      'Manchester United',
      'Tottenham Hotspur',
      'AS Roma',
      'Lazio',
      'Sevilla',
      'Real Betis',
      'Olympique Lyonnais',
      'Olympique de Marseille',
      'Bayer Leverkusen',
      'Villarreal',
    ),
    schedule: 'cup',
    cupDays: [3],
    kickoffHours: [17.75, 20],
  },
  {
    id: '1180',
    sportId: '1',
    name: loc('Brasileirao', 'Brasileirão', 'Brasileirão'),
    order: 8,
    teamIds: groupIds(107),
    cupWeekParity: 1,
    schedule: 'league',
    rhythm: EUROPE_SAT_SUN_MON,
    kickoffHours: [19, 21.5, 23.5],
  },
  {
    id: '1334',
    sportId: '1',
    name: same('Copa Libertadores'),
    order: 9,
    teamIds: ids(
      'Flamengo',
      'Palmeiras',
      'Boca Juniors',
      'River Plate',
      'Sao Paulo',
      'Fluminense',
      'Penarol',
      'Colo-Colo',
    ),
    cupWeekParity: 1,
    schedule: 'cup',
    cupDays: [1, 2, 3],
    kickoffHours: [22, 24.5],
  },
  {
    id: '1410',
    sportId: '1',
    name: same('Liga MX'),
    order: 10,
    teamIds: groupIds(109),
    schedule: 'league',
    rhythm: {
      cupWeek: { weekend: [4, 5, 6], midweek: [2] },
      otherWeek: { weekend: [4, 5, 6], midweek: [2] },
    },
    kickoffHours: [25, 27],
  },
  {
    id: '1450',
    sportId: '1',
    name: same('MLS'),
    order: 11,
    teamIds: groupIds(110),
    schedule: 'league',
    rhythm: {
      cupWeek: { weekend: [4, 5, 6], midweek: [2] },
      otherWeek: { weekend: [5, 6, 7], midweek: [3] },
    },
    kickoffHours: [23.5, 25.5, 26.5],
  },
  {
    // Off-season: listed, but with no fixtures, so `with_active_fixtures=true` has something to drop.
    id: '27910140',
    sportId: '1',
    name: loc('FIFA Club World Cup', 'Mundial de Clubes de la FIFA', 'Mundial de Clubes da FIFA'),
    order: 12,
    teamIds: [],
    schedule: 'cup',
    cupDays: [],
    kickoffHours: [19],
  },
  {
    id: '756',
    sportId: '3',
    name: same('NBA'),
    order: 1,
    teamIds: groupIds(301),
    schedule: 'daily',
    kickoffHours: [24, 24.5, 25, 26, 27],
  },
];

export const TOURNAMENT_BY_ID = new Map(TOURNAMENTS.map((t) => [t.id, t]));
export const SPORT_BY_ID = new Map(SPORTS.map((s) => [s.id, s]));
