import type { Token } from '../../common/text';

/**
 * Cities whose clubs people name by the city: "the Turin lads", "el equipo de Sevilla", "o time
 * de São Paulo", "the Madrid derby". Said that way a city with several clubs is a question (which
 * one?), never a guess, and its derby is the match of its two clubs. Only cities where the
 * sportsbook offers two clubs or more are listed; the clubs are spelt as the catalogue or its
 * alias table spells them, and a club the catalogue does not hold drops out, so the question only
 * offers what is offered. A city that is itself a club's name ("Porto", "Valencia") is not here:
 * "the Valencia team" is Valencia.
 */
export const CLUB_CITIES: ReadonlyArray<{ names: string[]; local?: string[]; clubs: string[] }> = [
  { names: ['manchester'], clubs: ['Manchester City', 'Manchester United'] },
  { names: ['london'], local: ['londres'], clubs: ['Arsenal', 'Chelsea', 'Tottenham Hotspur'] },
  { names: ['madrid'], clubs: ['Real Madrid', 'Atletico Madrid'] },
  { names: ['milan'], local: ['milano', 'milao'], clubs: ['AC Milan', 'Inter'] },
  // "the Roma side" is AS Roma: "Roma" is the city only where Spanish and Portuguese say "de Roma".
  { names: ['rome'], local: ['roma'], clubs: ['AS Roma', 'Lazio'] },
  { names: ['lisbon'], local: ['lisboa'], clubs: ['Benfica', 'Sporting CP'] },
  { names: ['rio', 'rio de janeiro'], clubs: ['Flamengo', 'Fluminense', 'Botafogo'] },
  { names: ['buenos aires'], clubs: ['Boca Juniors', 'River Plate'] },
  { names: ['mexico city', 'cdmx'], local: ['ciudad de mexico', 'df'], clubs: ['Club America', 'Pumas UNAM', 'Cruz Azul'] },
  { names: ['los angeles'], clubs: ['Los Angeles Lakers', 'LA Galaxy', 'LAFC'] },
  { names: ['new york'], local: ['nueva york', 'nova york'], clubs: ['New York Knicks', 'New York City FC'] },
  { names: ['miami'], clubs: ['Inter Miami', 'Miami Heat'] },
];

/** Words for a club after its city: "the Rome lads", "the Lisbon side", "a Milan one". */
const AFTER_CITY = new Set('team teams club clubs side sides guys boys lads fans squad outfit one ones'.split(' '));
/** A club word before "from"/"in"/"of" and the city: "the team from Rome", "the club in Lisbon". */
const BEFORE_CITY_EN = new Set('team club side guys boys lads squad'.split(' '));
const EN_LINKS = new Set(['from', 'in', 'of']);
/** A club word before "de"/"do"/"da" and the city: "el equipo de Roma", "o clube do Rio", "los de Lisboa". */
const BEFORE_CITY_ES_PT = new Set('equipo equipos club clubes cuadro conjunto los time times clube equipe os'.split(' '));
const ES_PT_LINKS = new Set(['de', 'del', 'do', 'da']);
/** A derby said by its city: "the Manchester derby", "el derbi de Madrid", "o clássico do Rio". */
const DERBY = new Set('derby derbi derbis derbies clasico classico'.split(' '));
const DERBY_LINKS = new Set(['de', 'del', 'do', 'da', 'of', 'in', 'della', 'di']);

/** A city named for its clubs: its tokens, its clubs, and whether its derby was meant. */
export interface CityMention {
  first: number;
  length: number;
  /** The city as written, normalised ("milao"). */
  city: string;
  clubs: string[];
  derby: boolean;
}

interface CityName {
  words: string[];
  clubs: string[];
  /** Read as the city only after a Spanish or Portuguese club word ("equipo de Roma"). */
  local: boolean;
}

/** The cities' names as token lists, by their first token; the longest first ("rio de janeiro" before "rio"). */
const CITY_NAMES = new Map<string, CityName[]>();
for (const { names, local = [], clubs } of CLUB_CITIES)
  for (const [name, isLocal] of [...names.map((n) => [n, false] as const), ...local.map((n) => [n, true] as const)]) {
    const words = name.split(' ');
    CITY_NAMES.set(words[0], [...(CITY_NAMES.get(words[0]) ?? []), { words, clubs, local: isLocal }]);
  }
for (const names of CITY_NAMES.values()) names.sort((a, b) => b.words.length - a.words.length);

/**
 * The cities `tokens` name for their clubs ("the Rome lads", "cuadro de Lisboa", "derbi de
 * Madrid"); a city named otherwise ("weather in Rome", "Lisbon time") is none. `taken` tokens
 * already belong to another name.
 */
export function cityMentions(tokens: Token[], taken: ReadonlySet<number>): readonly CityMention[] {
  let found: CityMention[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const names = CITY_NAMES.get(tokens[i].norm);
    if (!names || taken.has(i)) continue;
    // Common words begin some names ("los", "new", "nova"): the longest that the tokens spell, without building lists.
    const name = names.find(({ words }) => words.every((word, k) => tokens[i + k]?.norm === word));
    if (!name) continue;
    const length = name.words.length;
    const role = roleOfCity(tokens, i, length, name.local);
    if (!role) continue;
    (found ??= []).push({ first: i, length, city: name.words.join(' '), clubs: name.clubs, derby: role === 'derby' });
    i += length - 1;
  }
  return found ?? NO_MENTIONS;
}

/** What most messages name: no city for its clubs (one shared, never changed). */
const NO_MENTIONS: readonly CityMention[] = [];

/**
 * How the words around the city name it: for a club of it, for its derby, or not for its clubs at
 * all. A `local` name ("Roma", "Lisboa") names a club of the city only after a Spanish or
 * Portuguese "de" ("the Roma side" is AS Roma); its derby is the city's in any language.
 */
function roleOfCity(tokens: Token[], first: number, length: number, local: boolean): 'club' | 'derby' | undefined {
  const word = (at: number) => tokens[at]?.norm ?? '';
  const after = word(first + length);
  if (DERBY.has(after)) return 'derby';
  if (!local && AFTER_CITY.has(after)) return 'club';
  // "the team from the Rome area" is rare; "the team from Rome" is not: one optional "the".
  const before = word(first - 1) === 'the' ? first - 2 : first - 1;
  const link = word(before);
  const head = word(before - 1);
  if (DERBY.has(head) && DERBY_LINKS.has(link)) return 'derby';
  if (!local && BEFORE_CITY_EN.has(head) && EN_LINKS.has(link)) return 'club';
  if (BEFORE_CITY_ES_PT.has(head) && ES_PT_LINKS.has(link)) return 'club';
  return undefined;
}
