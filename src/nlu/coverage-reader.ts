import { COMMON_WORDS } from './catalogue/common-words';
import { foldAccents } from '../common/text';
import { WordGate } from './word-gate';

/** Something the user asked about that the catalogue does not have: a team, a competition or a sport. */
export interface UnknownSubject {
  kind: 'team' | 'competition' | 'sport';
  /** As the user wrote it ("Everton", "NFL", "liga saudí"). */
  name: string;
  /** An offered team whose name is close to a misspelt one, to ask about instead of a refusal. */
  suggestion?: string;
  /** Other clubs not offered named in the same message ("Celtic v Rangers"). */
  others?: string[];
}

/** Sports people bet on that are not football or basketball, in en/es/pt. */
const SPORTS =
  /\b(nfl|nhl|mlb|ufc|mma|f1|formula ?(?:1|one|uno|um)|american football|futbol americano|futebol americano|ice hockey|hockey(?: sobre hielo| no gelo)?|hoquei(?: no gelo)?|tennis|tenis|golf(?:e)?|cricket|rugby|boxing|boxeo|boxe|volleyball|voleibol|volei|handball|balonmano|handebol|e-?sports|baseball|beisbol|beisebol|darts|dardos|snooker|cycling|ciclismo|motogp|nascar|horse racing|hipismo|turfe|table tennis|ping pong)\b/i;

/** Words that make a phrase a competition ("… league", "liga …", "campeonato …"). */
const COMPETITION =
  /\b((?:scottish|saudi|turkish|dutch|belgian|greek|russian|chinese|japanese|korean|australian|argentin[ea]|portuguese|swiss|austrian|danish|norwegian|swedish|polish|czech|english|second|segunda|primera|saudita|saudi|escocesa|turca|holandesa|belga|griega|rusa|china|japonesa|argentina|portuguesa|portugues|escoces|turco|holandes|grego|russo|chines|japones|argentino)\s+(?:premiership|league|liga|division|divisao|campeonato|championship|super ?lig|pro league|serie)|(?:premiership|league|liga|division|divisao|campeonato|championship|eredivisie|super ?lig|primeira liga|liga portugal|serie b|segunda division|championship)\s*(?:saudi|saudita|arabe|turca|turco|holandesa|escocesa|portugues[a]?|argentin[ao]|belga|griega|rusa|china|japonesa|de (?:arabia|turquia|holanda|escocia|portugal|argentina|belgica|grecia|rusia|china|japon))?|eredivisie|super ?lig|primeira liga|liga portugal|serie b|a-league|j-league|k-league|championship)\b/i;

const QUALIFIERS =
  'betplay|aguila|profesional|scottish|saudi|saudita|arabe|turkish|turca|turco|dutch|holandesa|holandes|belgian|belga|greek|griega|grego|russian|rusa|russo|chinese|china|chines|japanese|japonesa|japones|korean|coreana|australian|australiana|argentine|argentina|argentino|portuguese|portuguesa|portugues|swiss|suiza|austrian|danish|norwegian|swedish|polish|czech|escocesa|escoces|peruana|chilena|colombiana|uruguaya|paraguaya|ecuatoriana';
const QUALIFIED_COMPETITION = new RegExp(
  `\\b(?:(${QUALIFIERS})\\s+(?:premiership|premier league|league|liga|division|divisao|campeonato|championship|super ?lig|pro league|serie|primera)|(?:premiership|league|liga|division|divisao|campeonato|championship|primera)\\s+(?:de\\s+)?(${QUALIFIERS}))\\b`,
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
  found: { teams: number; tournaments: string[]; ambiguous: number; elsewhere?: string[] },
  /** The message as written, tournament names included (`text` has them blanked). */
  original = text,
): UnknownSubject | undefined {
  // "the Scottish Premiership", "liga saudí": a league word made to fit an offered tournament
  // ("Premier League", "La Liga") by the resolver, but qualified by a country that tournament is not.
  const qualified = found.teams === 0 ? QUALIFIED_COMPETITION.exec(foldAccents(original)) : null;
  if (qualified) {
    const qualifier = qualified[1] ?? qualified[2];
    const offered = found.tournaments.some((t) => foldAccents(t).includes(qualifier));
    if (!offered) return { kind: 'competition', name: written(original, qualified.index, qualified[0].length) };
  }
  if (found.teams > 0 || found.tournaments.length > 0 || found.ambiguous > 0) return undefined;
  // A club the catalogue resolver knows the book does not offer, wherever it sits in the sentence.
  const [club, ...others] = found.elsewhere ?? [];
  if (club) return others.length ? { kind: 'team', name: club, others } : { kind: 'team', name: club };
  const plain = UNKNOWN_WORDS.scan(foldAccents(text));
  const sport = plain.exec(SPORTS);
  if (sport) return { kind: 'sport', name: written(text, sport.index, sport[0].length) };
  const competition = plain.exec(COMPETITION);
  if (competition) return { kind: 'competition', name: written(text, competition.index, competition[0].length) };
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
