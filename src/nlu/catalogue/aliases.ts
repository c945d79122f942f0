/**
 * Nicknames people type for teams and tournaments (en/es/pt). The catalogue of the sports API is
 * the source of truth: an alias group only applies when the catalogue holds one of its `names`,
 * and it then points at the catalogue's own spelling. Everything here is compared after
 * normalizeName (lowercase, no accents, no punctuation).
 */
export interface AliasGroup {
  /** Spellings the catalogue may use for this entity (any one of them activates the group). */
  names: string[];
  /** Unambiguous nicknames: matched anywhere. */
  aliases: string[];
  /**
   * Words that are ordinary words too ("city", "united", "river", "america"): matched only when
   * the message is clearly about sport (another team, "vs", "odds", "play"…), see the resolver.
   */
  weakAliases?: string[];
}

export const TEAM_ALIASES: AliasGroup[] = [
  { names: ['Arsenal'], aliases: ['arsenal fc', 'gunners', 'the gunners', 'gooners'] },
  { names: ['Chelsea'], aliases: ['chelsea fc', 'the blues'] },
  { names: ['Liverpool'], aliases: ['liverpool fc', 'lfc', 'the reds'] },
  {
    names: ['Manchester City'],
    aliases: ['man city', 'mancity', 'man c', 'mcfc', 'citizens', 'the citizens', 'cityzens'],
    weakAliases: ['city'],
  },
  {
    names: ['Manchester United'],
    aliases: [
      'man utd',
      'man united',
      'man u',
      'manu',
      'mufc',
      'red devils',
      'the red devils',
      'manchester utd',
    ],
    weakAliases: ['united', 'utd'],
  },
  { names: ['Tottenham Hotspur', 'Tottenham'], aliases: ['tottenham', 'spurs', 'thfc', 'hotspur'] },
  { names: ['Newcastle United', 'Newcastle'], aliases: ['newcastle', 'magpies', 'toon', 'nufc'] },
  { names: ['Aston Villa'], aliases: ['villans', 'avfc'], weakAliases: ['villa'] },
  {
    names: ['Barcelona', 'FC Barcelona'],
    aliases: [
      'barca',
      'barsa',
      'fc barcelona',
      'fcb',
      'blaugrana',
      'blaugranas',
      'cules',
      'culers',
      'el barca',
      'barcelona fc',
    ],
  },
  {
    names: ['Real Madrid'],
    aliases: [
      'real madrid cf',
      'merengues',
      'los merengues',
      'los blancos',
      'el madrid',
      'rmcf',
      'real madri',
    ],
    weakAliases: ['madrid'],
  },
  {
    names: ['Atletico Madrid', 'Atletico de Madrid'],
    aliases: [
      'atletico',
      'atleti',
      'atletico de madrid',
      'atl madrid',
      'colchoneros',
      'los colchoneros',
      'el atleti',
    ],
  },
  { names: ['Sevilla', 'Sevilla FC'], aliases: ['sevilla fc', 'sevillistas', 'seville', 'sevilha'] },
  { names: ['Valencia', 'Valencia CF'], aliases: ['valencia cf', 'los che'] },
  {
    names: ['Villarreal'],
    aliases: ['submarino amarillo', 'yellow submarine', 'villareal', 'villarreal cf'],
  },
  { names: ['Real Sociedad'], aliases: ['la real', 'txuri urdin'], weakAliases: ['sociedad'] },
  { names: ['Athletic Bilbao', 'Athletic Club'], aliases: ['bilbao', 'athletic club', 'athletic de bilbao'] },
  { names: ['Real Betis'], aliases: ['betis', 'verdiblancos'] },
  {
    names: ['Bayern Munich', 'Bayern Munchen'],
    aliases: [
      'bayern',
      'fc bayern',
      'bayern munchen',
      'bayern de munique',
      'bayern munique',
      'bayern de munich',
      'bavarians',
    ],
  },
  { names: ['Borussia Dortmund'], aliases: ['dortmund', 'bvb', 'borussia'] },
  { names: ['RB Leipzig'], aliases: ['leipzig', 'rbl', 'red bull leipzig'] },
  { names: ['Bayer Leverkusen'], aliases: ['leverkusen', 'bayer 04', 'werkself'] },
  { names: ['Juventus'], aliases: ['juve', 'la vecchia signora', 'old lady', 'bianconeri', 'juventus fc'] },
  {
    names: ['Inter', 'Inter Milan', 'Internazionale'],
    aliases: ['inter milan', 'internazionale', 'inter de milan', 'inter de milao', 'nerazzurri', 'nerazzurro'],
    weakAliases: ['inter'],
  },
  { names: ['AC Milan', 'Milan'], aliases: ['milan', 'milao', 'rossoneri', 'rossonero', 'ac milan', 'a c milan'] },
  { names: ['Napoli', 'SSC Napoli'], aliases: ['napoles', 'partenopei'] },
  { names: ['AS Roma', 'Roma'], aliases: ['roma', 'giallorossi', 'as roma'] },
  { names: ['Lazio', 'SS Lazio'], aliases: ['biancocelesti'] },
  { names: ['Atalanta'], aliases: ['la dea'] },
  {
    names: ['Paris Saint-Germain', 'Paris Saint Germain', 'PSG'],
    aliases: ['psg', 'paris sg', 'paris saint germain', 'paris st germain', 'les parisiens'],
    weakAliases: ['paris'],
  },
  {
    names: ['Olympique de Marseille', 'Marseille'],
    aliases: ['marseille', 'marsella', 'marselha', 'om marseille'],
  },
  { names: ['AS Monaco', 'Monaco'], aliases: ['monaco', 'as monaco'] },
  { names: ['Olympique Lyonnais', 'Lyon'], aliases: ['lyon', 'olympique lyon', 'lyonnais'] },
  { names: ['Benfica', 'SL Benfica'], aliases: ['encarnados', 'as aguias'], weakAliases: ['aguias'] },
  { names: ['Porto', 'FC Porto'], aliases: ['fc porto'] },
  {
    names: ['Sporting CP', 'Sporting Lisbon', 'Sporting'],
    aliases: ['sporting lisbon', 'sporting lisboa', 'sporting cp'],
    weakAliases: ['sporting'],
  },
  { names: ['Ajax', 'AFC Ajax'], aliases: ['ajax amsterdam', 'afc ajax'] },
  { names: ['PSV Eindhoven', 'PSV'], aliases: ['psv', 'eindhoven'] },
  { names: ['Flamengo'], aliases: ['mengao', 'fla', 'mengo', 'rubro negro', 'urubu', 'mengaum'] },
  { names: ['Palmeiras'], aliases: ['verdao', 'palmeiras sp', 'parmera'], weakAliases: ['porco'] },
  { names: ['Corinthians'], aliases: ['timao', 'coringao', 'curingao'] },
  { names: ['Sao Paulo'], aliases: ['spfc', 'tricolor paulista', 'sao paulo fc'] },
  { names: ['Boca Juniors'], aliases: ['boca', 'xeneizes', 'xeneize'] },
  // Not "millonarios": that is a club of its own (Bogotá), which the book does not offer.
  { names: ['River Plate'], aliases: [], weakAliases: ['river'] },
  {
    names: ['Club America', 'America'],
    aliases: ['club america', 'las aguilas'],
    weakAliases: ['america', 'aguilas'],
  },
  {
    names: ['Chivas', 'Guadalajara', 'Chivas Guadalajara'],
    aliases: ['guadalajara', 'chivas guadalajara', 'rebano sagrado'],
  },
  { names: ['LA Galaxy', 'Los Angeles Galaxy'], aliases: ['galaxy', 'los angeles galaxy'] },
  { names: ['Inter Miami', 'Inter Miami CF'], aliases: ['inter miami cf'], weakAliases: ['miami'] },
  { names: ['Girona'], aliases: ['girona fc'] },
  { names: ['Eintracht Frankfurt'], aliases: ['frankfurt', 'eintracht', 'sge'] },
  { names: ['VfB Stuttgart'], aliases: ['stuttgart'] },
  { names: ['VfL Wolfsburg'], aliases: ['wolfsburg'] },
  {
    names: ['Borussia Monchengladbach'],
    aliases: ['gladbach', 'monchengladbach', 'borussia m gladbach', 'bmg'],
  },
  { names: ['Fiorentina'], aliases: ['la viola', 'acf fiorentina'] },
  { names: ['Lille'], aliases: ['losc', 'lille osc'] },
  { names: ['OGC Nice'], aliases: ['ogc nice'], weakAliases: ['nice'] },
  { names: ['RC Lens'], aliases: ['rc lens'], weakAliases: ['lens'] },
  { names: ['Stade Rennais'], aliases: ['rennes', 'stade rennais fc'] },
  { names: ['Fluminense'], aliases: ['flu', 'fluzao', 'tricolor carioca'] },
  { names: ['Botafogo'], aliases: ['fogao', 'glorioso'] },
  { names: ['Gremio'], aliases: ['tricolor gaucho', 'imortal tricolor'] },
  {
    names: ['Atletico Mineiro'],
    aliases: ['atletico mg', 'atletico-mg', 'galo mineiro'],
    weakAliases: ['galo'],
  },
  { names: ['Penarol'], aliases: ['manya', 'carboneros'] },
  { names: ['Colo-Colo', 'Colo Colo'], aliases: ['colo colo', 'el cacique'] },
  { names: ['Cruz Azul'], aliases: ['la maquina', 'cementeros'] },
  { names: ['Tigres UANL', 'Tigres'], aliases: ['tigres', 'los felinos'] },
  { names: ['Monterrey', 'CF Monterrey'], aliases: ['rayados'] },
  { names: ['Pumas UNAM', 'Pumas'], aliases: ['pumas', 'unam'] },
  { names: ['Toluca'], aliases: ['diablos rojos'] },
  { names: ['Santos Laguna'], aliases: ['guerreros'] },
  { names: ['LAFC', 'Los Angeles FC'], aliases: ['los angeles fc', 'la fc'] },
  { names: ['Seattle Sounders'], aliases: ['sounders', 'seattle'] },
  // The city's own name: only in sport talk ("weather in New York City" is no club).
  { names: ['New York City FC'], aliases: ['nycfc', 'nyc fc'], weakAliases: ['new york city'] },
  { names: ['Atlanta United'], aliases: ['atlanta utd'], weakAliases: ['atlanta'] },
  { names: ['Columbus Crew'], aliases: ['columbus'] },
  { names: ['Orlando City'], aliases: ['orlando'] },
  { names: ['Boston Celtics'], aliases: ['celtics', 'celts'] },
  { names: ['Los Angeles Lakers'], aliases: ['lakers', 'la lakers'] },
  { names: ['Golden State Warriors'], aliases: ['warriors', 'golden state', 'dubs'] },
  { names: ['Denver Nuggets'], aliases: ['nuggets'], weakAliases: ['denver'] },
  { names: ['Milwaukee Bucks'], aliases: ['milwaukee'] },
  { names: ['New York Knicks'], aliases: ['knicks', 'ny knicks'] },
  { names: ['Dallas Mavericks'], aliases: ['mavericks', 'mavs'], weakAliases: ['dallas'] },
  { names: ['Phoenix Suns'], aliases: ['phoenix'], weakAliases: ['suns'] },
  { names: ['Miami Heat'], aliases: [], weakAliases: ['heat'] },
  {
    names: ['Oklahoma City Thunder'],
    aliases: ['okc', 'okc thunder'],
    weakAliases: ['thunder', 'oklahoma city'],
  },
];

export const TOURNAMENT_ALIASES: AliasGroup[] = [
  {
    names: ['Premier League', 'English Premier League'],
    aliases: [
      'premier',
      'epl',
      'prem',
      'premiership',
      'english premier league',
      'la premier',
      'liga inglesa',
      'premier inglesa',
      'campeonato ingles',
      'english league',
    ],
  },
  {
    names: ['La Liga', 'LaLiga'],
    aliases: [
      'laliga',
      'liga espanola',
      'primera division',
      'liga santander',
      'spanish league',
      'la liga espanola',
      'campeonato espanhol',
      'liga espanhola',
    ],
  },
  {
    names: ['Bundesliga'],
    aliases: ['bundes', 'german league', 'liga alemana', 'liga alema', 'bundesliga alemana'],
  },
  {
    names: ['Serie A'],
    aliases: ['calcio', 'italian league', 'liga italiana', 'serie a italiana', 'campeonato italiano'],
  },
  {
    names: ['Ligue 1'],
    aliases: ['ligue one', 'ligue un', 'french league', 'liga francesa', 'campeonato frances'],
  },
  {
    names: ['Champions League', 'UEFA Champions League'],
    aliases: [
      'ucl',
      'uefa champions league',
      'liga de campeones',
      'liga dos campeoes',
      'la champions',
      'a champions',
      'champions liga',
      'orejona',
    ],
    weakAliases: ['champions', 'cl'],
  },
  {
    names: ['Europa League', 'UEFA Europa League'],
    aliases: ['uel', 'liga europa', 'uefa europa league', 'la europa league'],
  },
  {
    names: ['Brasileirao', 'Brasileirao Serie A', 'Campeonato Brasileiro'],
    aliases: [
      'brasileirao',
      'campeonato brasileiro',
      'brazilian league',
      'liga brasilena',
      'brasileirao serie a',
      'serie a do brasil',
      'brasileirinho',
    ],
    weakAliases: ['brasileiro'],
  },
  {
    names: ['Copa Libertadores', 'Libertadores'],
    aliases: ['libertadores', 'liberta', 'la libertadores', 'a libertadores', 'copa liberta'],
  },
  {
    names: ['Liga MX'],
    aliases: ['ligamx', 'la liga mx', 'liga mexicana', 'mexican league', 'liga bbva mx'],
  },
  { names: ['MLS', 'Major League Soccer'], aliases: ['major league soccer', 'mls soccer'] },
  {
    names: ['FIFA Club World Cup', 'Club World Cup'],
    aliases: [
      'club world cup',
      'mundial de clubes',
      'mundial de clubes da fifa',
      'mundial de clubes de la fifa',
      'copa mundial de clubes',
      'cwc',
    ],
  },
  {
    names: ['NBA', 'National Basketball Association', 'Basketball League'],
    aliases: ['nba', 'national basketball association'],
  },
];

/**
 * Phrases that contain a team's or tournament's nickname but mean something else
 * ("Copa América" is not Club América, "South America" neither). Matches inside them are dropped.
 */
export const BLOCKED_PHRASES: string[] = [
  'copa america',
  'south america',
  'north america',
  'latin america',
  'america latina',
  'america do sul',
  'america del sur',
  'united states',
  'estados unidos',
  'world cup',
  'copa do mundo',
  'copa del mundo',
  'copa mundial',
  'real life',
  'real money',
  'for real',
  'de verdad',
  'in the city',
  'the river',
  'premier inn',
  // Racing as a sport, not Racing Club.
  'horse racing',
  'motor racing',
  'car racing',
  // Cities whose name holds a club's: Porto Alegre is Gremio's and Internacional's, not FC Porto.
  'porto alegre',
  'porto seguro',
  'porto velho',
  'porto rico',
  'mexico city',
  'ciudad real',
  'kansas city',
  'salt lake city',
  'panama city',
  'quebec city',
  'atlantic city',
  'jersey city',
];
