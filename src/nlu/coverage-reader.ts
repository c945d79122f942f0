import { COMMON_WORDS } from './catalogue/common-words';
import { foldAccents } from '../common/text';
import { WordGate } from './word-gate';

/** Something the user asked about that the catalogue does not have: a team, a competition, a sport or an athlete of one. */
export interface UnknownSubject {
  kind: 'team' | 'competition' | 'sport' | 'athlete';
  /** As the user wrote it ("Everton", "NFL", "liga saudí"). */
  name: string;
  /** An offered team whose name is close to a misspelt one, to ask about instead of a refusal. */
  suggestion?: string;
  /** Other clubs not offered named in the same message ("Celtic v Rangers"). */
  others?: string[];
  /** The offered team the message sets against the club ("PSV vs Feyenoord"): the answer says so, then shows that team. */
  facing?: string;
}

/** Sports people bet on that are not football or basketball, in en/es/pt. */
const SPORTS =
  /\b(nfl|nhl|mlb|ufc|mma|f1|formula ?(?:1|one|uno|um)|american football|futbol americano|futebol americano|ice hockey|hockey(?: sobre hielo| no gelo)?|hoquei(?: no gelo)?|tennis|tenis|golf(?:e)?|cricket|rugby|boxing|boxeo|boxe|volleyball|voleibol|volei|handball|balonmano|handebol|e-?sports|baseball|beisbol|beisebol|darts|dardos|snooker|cycling|ciclismo|motogp|nascar|horse racing|hipismo|turfe|table tennis|ping pong)\b/i;

/**
 * Athletes of sports the book does not offer, by the names people use (folded): "how much does
 * Sinner pay?" is about tennis, not about whichever match is on. A player of an offered sport is
 * not here: the book prices matches, and the answer about the player's club is the right one.
 */
const ATHLETES = new Map<string, string>(
  [
    // Tennis
    ['alcaraz', 'Carlos Alcaraz'], ['carlos alcaraz', 'Carlos Alcaraz'], ['sinner', 'Jannik Sinner'], ['jannik sinner', 'Jannik Sinner'],
    ['djokovic', 'Novak Djokovic'], ['novak djokovic', 'Novak Djokovic'], ['nadal', 'Rafael Nadal'], ['rafa nadal', 'Rafael Nadal'],
    ['federer', 'Roger Federer'], ['medvedev', 'Daniil Medvedev'], ['zverev', 'Alexander Zverev'], ['swiatek', 'Iga Swiatek'],
    ['sabalenka', 'Aryna Sabalenka'], ['gauff', 'Coco Gauff'], ['coco gauff', 'Coco Gauff'], ['rybakina', 'Elena Rybakina'],
    // Motor racing
    ['verstappen', 'Max Verstappen'], ['max verstappen', 'Max Verstappen'], ['leclerc', 'Charles Leclerc'], ['lewis hamilton', 'Lewis Hamilton'],
    ['lando norris', 'Lando Norris'], ['checo perez', 'Checo Pérez'], ['fernando alonso', 'Fernando Alonso'], ['marc marquez', 'Marc Márquez'],
    // Combat sports
    ['canelo', 'Canelo Álvarez'], ['canelo alvarez', 'Canelo Álvarez'], ['usyk', 'Oleksandr Usyk'], ['tyson fury', 'Tyson Fury'],
    ['mcgregor', 'Conor McGregor'], ['conor mcgregor', 'Conor McGregor'], ['jon jones', 'Jon Jones'],
    // Golf
    ['scheffler', 'Scottie Scheffler'], ['mcilroy', 'Rory McIlroy'], ['rory mcilroy', 'Rory McIlroy'], ['tiger woods', 'Tiger Woods'],
  ],
);
const ATHLETE = new RegExp(`\\b(?:${[...ATHLETES.keys()].sort((a, b) => b.length - a.length).join('|')})\\b`);

/** Words that make a phrase a competition ("… league", "liga …", "campeonato …"). */
const COMPETITION =
  /\b((?:scottish|saudi|turkish|dutch|belgian|greek|russian|chinese|japanese|korean|australian|argentin[ea]|portuguese|swiss|austrian|danish|norwegian|swedish|polish|czech|english|second|segunda|primera|saudita|saudi|escocesa|turca|holandesa|belga|griega|rusa|china|japonesa|argentina|portuguesa|portugues|escoces|turco|holandes|grego|russo|chines|japones|argentino)\s+(?:premiership|league|liga|division|divisao|campeonato|championship|super ?lig|pro league|serie)|(?:premiership|league|liga|division|divisao|campeonato|championship|eredivisie|super ?lig|primeira liga|liga portugal|serie b|segunda division|championship)\s*(?:saudi|saudita|arabe|turca|turco|holandesa|escocesa|portugues[a]?|argentin[ao]|belga|griega|rusa|china|japonesa|de (?:arabia|turquia|holanda|escocia|portugal|argentina|belgica|grecia|rusia|china|japon))?|eredivisie|super ?lig|primeira liga|liga portugal|serie [bcd]|ligue 2|bundesliga 2|2\.? bundesliga|a-league|j-league|k-league|championship|euroleague|euroliga|eurocup|eurocopa de basquet|liga acb|liga endesa|wnba|g league|ncaa|march madness)\b/i;

const QUALIFIERS =
  'betplay|aguila|profesional|scottish|saudi|saudita|arabe|turkish|turca|turco|dutch|holandesa|holandes|belgian|belga|greek|griega|grego|russian|rusa|russo|chinese|china|chines|japanese|japonesa|japones|korean|coreana|australian|australiana|argentine|argentina|argentino|portuguese|portuguesa|portugues|swiss|suiza|austrian|danish|norwegian|swedish|polish|czech|escocesa|escoces|peruana|chilena|colombiana|uruguaya|paraguaya|ecuatoriana';
const QUALIFIED_COMPETITION = new RegExp(
  `\\b(?:(${QUALIFIERS})\\s+(?:premiership|premier league|prem|league|liga|division|divisao|campeonato|championship|super ?lig|pro league|serie|primera)|(?:premiership|league|liga|division|divisao|campeonato|championship|primera)\\s+(?:de\\s+)?(${QUALIFIERS}))\\b`,
);

/** Where a team name sits in a question: after "odds for", "cuotas del", "quando joga o"… */
const TEAM_SLOTS: RegExp[] = [
  /\b(?:odds|prices?|lines?|markets?|bet|stake)\s+(?:for|on|of)\s+(?:the\s+)?([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,2})/i,
  /^\s*([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,2})\s+(?:odds|prices?|lines?)\b/i,
  /\bwhen\s+(?:do|does|is|are)\s+(?:the\s+)?([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,2})\s+(?:play|playing|on)\b/i,
  /\bcuotas?\s+(?:del?|para(?:\s+el|\s+la)?|de\s+la)\s+([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,2})/i,
  /\bcu[aá]ndo\s+juegan?\s+(?:el\s+|la\s+|los\s+)?([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,2})/i,
  /\bodds?\s+(?:do|da|de|dos)\s+([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,2})/i,
  /\bquando\s+jogam?\s+(?:o\s+|a\s+|os\s+)?([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,2})/i,
  // A match of a club: "next game of X", "partido del X", "jogo do X".
  /\b(?:match|game|fixture)(?:e?s)?\s+(?:of|for)\s+(?:the\s+)?([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,2})/i,
  /\b(?:partidos?|juegos?)\s+(?:del?|de\s+la)\s+([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,2})/i,
  /\b(?:jogos?|partidas?)\s+(?:do|da|dos|das)\s+([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,2})/i,
  // "is X on your list?", "do you have X?"
  /\bis\s+([a-z][a-z'.-]*(?:\s+[a-z][a-z'.-]*){0,2})\s+(?:on|in)\s+(?:your|the)\s+(?:list|book|site|app|menu)\b/i,
];

/** Words that end a name ("odds for Everton tonight" → Everton), or are none: market words ("total points line?"), the other side ("odd do outro lado"). */
const NAME_STOP = new Set(
  'total totals totales points puntos pontos goals goles gols overs unders over under spread handicap moneyline favourite favorite favourites favorites favorito favoritos underdog underdogs draw empate winner ganador vencedor home away local visitante tonight today tomorrow this next match game games vs v versus against x contra hoy manana partido juego jogo hoje amanha proximo proxima semana week weekend at in on no en em please pls por favor other another otro otra outro outra lado side rival rivales adversario adversarios opponent opponents'.split(
    ' ',
  ),
);

/**
 * A message that names nothing of the catalogue goes through all of these; most hold none of
 * their words, and the gate (built once from their sources) spares them the patterns.
 */
const UNKNOWN_WORDS = new WordGate([SPORTS, COMPETITION, ...TEAM_SLOTS]);

/**
 * What the user asked about that the sportsbook does not offer, when nothing in the catalogue
 * matched: a sport ("NFL"), a competition ("the Scottish Premiership") or a team in a team's place
 * in the sentence ("odds for Everton"). Names of the catalogue were already blanked from `text`.
 */
export function readUnknown(
  text: string,
  found: {
    teams: number;
    tournaments: string[];
    ambiguous: number;
    elsewhere?: string[];
    /** The offered team a "vs" may set against something not offered (facingTeam). */
    facing?: string;
  },
  /** The message as written, tournament names included (`text` has them blanked). */
  original = text,
): UnknownSubject | undefined {
  // A club the catalogue resolver knows the book does not offer, wherever it sits in the sentence,
  // and in whatever competition it is said to play ("Rangers in the Scottish Premiership").
  const [club, ...others] = found.elsewhere ?? [];
  if (club && found.ambiguous === 0 && (found.teams === 0 || found.facing)) {
    // "Racing - San Lorenzo": the side facing a club not offered is not offered either.
    const side = found.teams === 0 ? otherSideOf(text) : undefined;
    const [first, ...rest] = !side ? [club, ...others] : side.first ? [side.name, club, ...others] : [club, ...others, side.name];
    return {
      kind: 'team',
      name: first,
      ...(rest.length ? { others: rest } : {}),
      ...(found.facing && found.teams > 0 ? { facing: found.facing } : {}),
    };
  }
  // "Boca vs Belgrano": a name the catalogue does not know, set against the one offered team named.
  const unheard = found.teams === 1 && found.facing && !club ? otherSideOf(text) : undefined;
  if (unheard) return { kind: 'team', name: unheard.name, facing: found.facing! };
  // "the Scottish Premiership", "liga saudí": a league word made to fit an offered tournament
  // ("Premier League", "La Liga") by the resolver, but qualified by a country that tournament is not.
  const qualified = found.teams === 0 ? QUALIFIED_COMPETITION.exec(foldAccents(original)) : null;
  if (qualified) {
    const qualifier = qualified[1] ?? qualified[2];
    const offered = found.tournaments.some((t) => foldAccents(t).includes(qualifier));
    if (!offered) return { kind: 'competition', name: written(original, qualified.index, qualified[0].length) };
  }
  if (found.teams > 0 || found.tournaments.length > 0 || found.ambiguous > 0) return undefined;
  const folded = foldAccents(text);
  const plain = UNKNOWN_WORDS.scan(folded);
  // As the user wrote it ("série C"), when spelling out chat slang kept the offsets.
  const asWritten = original.length === text.length ? original : text;
  // The sport, when named, says it all ("tennis? a bet on Djokovic"); else the athlete says which.
  const sport = plain.exec(SPORTS);
  if (sport) return { kind: 'sport', name: written(asWritten, sport.index, sport[0].length) };
  const athlete = ATHLETE.exec(folded);
  if (athlete) return { kind: 'athlete', name: ATHLETES.get(athlete[0])! };
  const competition = plain.exec(COMPETITION);
  if (competition) return { kind: 'competition', name: written(asWritten, competition.index, competition[0].length) };
  for (const slot of TEAM_SLOTS) {
    const match = plain.exec(slot);
    if (!match) continue;
    const words: string[] = [];
    for (const raw of match[1].split(/\s+/)) {
      const word = raw.replace(/'s$/, '');
      if (NAME_STOP.has(word) || COMMON_WORDS.has(word) || /\d/.test(word)) break;
      words.push(word);
    }
    if (words.length === 0 || words.join('').length < 3) continue;
    const start = match.index + match[0].lastIndexOf(match[1]);
    return { kind: 'team', name: capitalised(written(text, start, words.join(' ').length)) };
  }
  return undefined;
}

/** A "vs" between two sides: "Racing - San Lorenzo", "Olimpia x Cerro", "Talleres vs Belgrano". */
const VERSUS_MARK = /\s(?:vs\.?|v|x|-|versus|contra|against)\s/i;
/** How long a blanked name is at least: a run of spaces this long right beside the "vs" is a name. */
const BLANKED = /\s{3,}$/;
const BLANKED_AHEAD = /^\s{2,}/;

/**
 * The name on the other side of a "vs" from a club the resolver blanked ("Racing" of "momios de
 * Racing - San Lorenzo"), as written; undefined when both sides were names it knew.
 */
function otherSideOf(text: string): { name: string; first: boolean } | undefined {
  const mark = VERSUS_MARK.exec(text);
  if (!mark) return undefined;
  const before = text.slice(0, mark.index);
  const after = text.slice(mark.index + mark[0].length);
  const blankBefore = BLANKED.test(before);
  // One side only is a name the resolver knew: the other one is the name asked about.
  if (blankBefore === BLANKED_AHEAD.test(after)) return undefined;
  const side = blankBefore ? nameWords(after.split(/\s+/)) : nameWords(before.trim().split(/\s+/).reverse()).reverse();
  return side.length ? { name: capitalised(side.join(' ')), first: !blankBefore } : undefined;
}

/** Only a "vs" between two names: "PSV vs Feyenoord", "Feyenoord x PSV". */
const ONLY_VERSUS = /^\s+(?:vs\.?|v|x|-|versus|contra|against)\s+$/i;

/**
 * The offered team a "vs" may set against something not offered: the one a club the book does not
 * offer faces ("PSV vs Feyenoord"), else the only team named ("Boca vs Belgrano", where readUnknown
 * finds the other side).
 */
export function facingTeam(
  text: string,
  teams: ReadonlyArray<{ name: string; start: number; end: number }>,
  clubs: ReadonlyArray<{ start: number; end: number }>,
): string | undefined {
  if (clubs.length === 0) return teams.length === 1 ? teams[0].name : undefined;
  for (const team of teams)
    for (const club of clubs) {
      const between = team.start < club.start ? text.slice(team.end, club.start) : text.slice(club.end, team.start);
      if (ONLY_VERSUS.test(between)) return team.name;
    }
  return undefined;
}

/** The leading words of `words` that can be a name: up to three, up to a common word, a number or a stop. */
function nameWords(words: string[]): string[] {
  const name: string[] = [];
  for (const raw of words) {
    const word = raw.replace(/[?!.,;:]+$/, '');
    const folded = foldAccents(word.toLowerCase());
    if (!word || NAME_STOP.has(folded) || COMMON_WORDS.has(folded) || /\d/.test(word) || name.length === 3) break;
    name.push(word);
  }
  return name;
}

/** The span of the original text (folding keeps lengths for these letters). */
function written(text: string, start: number, length: number): string {
  return text.slice(start, start + length).trim();
}

function capitalised(name: string): string {
  return name.replace(/(^|\s)(\p{L})/gu, (_, space: string, letter: string) => space + letter.toUpperCase());
}

/** Markets bettors ask for that the sports API has no key for. */
const MARKETS_NOT_OFFERED =
  /\b(corners?|corner kicks|c[oó]rners?|tiros de esquina|saques de esquina|escanteios?|(?:anytime |first |last )?(?:goal)?scorers?|goleador(?:es)?|artilheiros?|marcador(?:es)? de gol|primeiro a marcar|(?:yellow |red )?cards?|bookings|tarjetas?(?: amarillas?| rojas?)?|cart[oõ]es|cart[aã]o(?: amarelo| vermelho)?|draw no bet|empate anula(?: apuesta)?|empate anula aposta|clean sheet|porteria a cero|correct score|exact score|marcador exacto|resultado exacto|placar exato|resultado exato|player props?|assists|asistencias|assist[eê]ncias|(?:who )?scores? first|first (?:goal ?)?scorer|primer goleador|quien marca primero|quem marca primeiro|ht ?\/ ?ft|half[- ]time ?\/ ?full[- ]time|bet ?builder|same[- ]game (?:parlay|multi)|sgp)\b/i;

/** Most messages name none of those markets: the gate spares them the long pattern. */
const UNOFFERED_MARKET_WORDS = new WordGate([MARKETS_NOT_OFFERED]);

/** A market asked for that no match here offers ("corners", "goleador", "escanteios"), as written. */
export function readUnofferedMarket(text: string): string | undefined {
  const match = UNOFFERED_MARKET_WORDS.scan(text.toLowerCase()).exec(MARKETS_NOT_OFFERED);
  return match ? match[1] : undefined;
}
