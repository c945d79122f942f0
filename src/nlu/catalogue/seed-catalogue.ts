import type { Catalogue } from '../../sports-api/domain';

/**
 * The seed catalogue (DESIGN §4, as the simulator names it): the team and league names the intent
 * corpus mentions, so training reads its phrases as live messages are read, and what names
 * resolve against until the sports API's own catalogue has loaded.
 */
const LEAGUES: Array<[id: string, sportId: string, name: string, teams: string[]]> = [
  [
    '1',
    '1',
    'Premier League',
    [
      'Arsenal',
      'Chelsea',
      'Liverpool',
      'Manchester City',
      'Manchester United',
      'Tottenham Hotspur',
      'Newcastle United',
      'Aston Villa',
    ],
  ],
  [
    '2',
    '1',
    'La Liga',
    [
      'Barcelona',
      'Real Madrid',
      'Atletico Madrid',
      'Sevilla',
      'Valencia',
      'Villarreal',
      'Real Sociedad',
      'Athletic Bilbao',
      'Real Betis',
      'Girona',
    ],
  ],
  [
    '3',
    '1',
    'Bundesliga',
    [
      'Bayern Munich',
      'Borussia Dortmund',
      'RB Leipzig',
      'Bayer Leverkusen',
      'Eintracht Frankfurt',
      'VfB Stuttgart',
      'VfL Wolfsburg',
      'Borussia Monchengladbach',
    ],
  ],
  [
    '4',
    '1',
    'Serie A',
    ['Juventus', 'Inter', 'AC Milan', 'Napoli', 'AS Roma', 'Lazio', 'Atalanta', 'Fiorentina'],
  ],
  [
    '5',
    '1',
    'Ligue 1',
    [
      'Paris Saint-Germain',
      'Olympique de Marseille',
      'AS Monaco',
      'Olympique Lyonnais',
      'Lille',
      'OGC Nice',
      'RC Lens',
      'Stade Rennais',
    ],
  ],
  [
    '6',
    '1',
    'Champions League',
    [
      'Real Madrid',
      'Manchester City',
      'Bayern Munich',
      'Benfica',
      'Porto',
      'Sporting CP',
      'Ajax',
      'PSV Eindhoven',
    ],
  ],
  ['7', '1', 'Europa League', ['AS Roma', 'Ajax', 'Porto', 'Real Betis']],
  [
    '8',
    '1',
    'Brasileirao',
    [
      'Flamengo',
      'Palmeiras',
      'Corinthians',
      'Sao Paulo',
      'Fluminense',
      'Botafogo',
      'Gremio',
      'Atletico Mineiro',
    ],
  ],
  [
    '9',
    '1',
    'Copa Libertadores',
    ['Flamengo', 'Palmeiras', 'Boca Juniors', 'River Plate', 'Penarol', 'Colo-Colo'],
  ],
  [
    '10',
    '1',
    'Liga MX',
    [
      'Club America',
      'Chivas',
      'Cruz Azul',
      'Tigres UANL',
      'Monterrey',
      'Pumas UNAM',
      'Toluca',
      'Santos Laguna',
    ],
  ],
  [
    '11',
    '1',
    'MLS',
    [
      'LA Galaxy',
      'Inter Miami',
      'LAFC',
      'Seattle Sounders',
      'New York City FC',
      'Atlanta United',
      'Columbus Crew',
      'Orlando City',
    ],
  ],
  ['13', '1', 'FIFA Club World Cup', ['Real Madrid', 'Flamengo', 'Boca Juniors', 'Inter Miami']],
  [
    '12',
    '3',
    'NBA',
    [
      'Boston Celtics',
      'Los Angeles Lakers',
      'Golden State Warriors',
      'Denver Nuggets',
      'Milwaukee Bucks',
      'Miami Heat',
      'New York Knicks',
      'Dallas Mavericks',
      'Phoenix Suns',
      'Oklahoma City Thunder',
    ],
  ],
];

/** The seed catalogue in the sports API's shape. */
export function seedCatalogue(): Catalogue {
  const teams = new Map<string, string[]>();
  for (const [id, , , names] of LEAGUES)
    for (const name of names) teams.set(name, [...(teams.get(name) ?? []), id]);
  return {
    tournaments: LEAGUES.map(([id, sportId, name]) => ({ id, sportId, name })),
    teams: [...teams.entries()].map(([name, tournamentIds]) => ({ name, tournamentIds })),
  };
}
