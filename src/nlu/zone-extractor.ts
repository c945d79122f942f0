import { foldAccents } from '../common/text';

/**
 * A time zone the user names in words, as an IANA zone: a place's clock ("hora argentina",
 * "horário de Brasília", "Chile time", "what time is that in Lima?"), where the user is ("estoy
 * en Bogotá", "moro em Manaus", "i'm in Chicago"), or an abbreviation (CET, EST, PST…). Places
 * count only in those phrases, so "odds for Chile" is no time zone; abbreviations count on their own.
 */

/**
 * Places by zone, folded: [zone, places, words that name a place only beside a time word
 * ("Spanish time", "hora peninsular": "in Spanish" is a language, "Pacific" an ocean)].
 */
const ZONES: Array<[string, string, string?]> = [
  ['America/Argentina/Buenos_Aires', 'argentina, buenos aires', 'argentino, argentine, argentinian'],
  ['America/Argentina/Mendoza', 'mendoza'],
  ['America/Santiago', 'chile, santiago, valparaiso', 'chileno, chilena, chilean'],
  ['America/Montevideo', 'uruguay, uruguai, montevideo', 'uruguayo, uruguaya, uruguaio, uruguaia, uruguayan'],
  ['America/Asuncion', 'paraguay, paraguai, asuncion', 'paraguayo, paraguaya, paraguaio, paraguaia, paraguayan'],
  ['America/La_Paz', 'bolivia, la paz, cochabamba', 'boliviano, boliviana, bolivian'],
  ['America/Bogota', 'colombia, bogota, medellin, cali, barranquilla, bucaramanga', 'colombiano, colombiana, colombian'],
  ['America/Lima', 'peru, lima, arequipa, cusco, cuzco', 'peruano, peruana, perua, peruvian'],
  ['America/Guayaquil', 'ecuador, equador, quito, guayaquil', 'ecuatoriano, ecuatoriana, equatoriano, equatoriana, ecuadorian'],
  ['America/Caracas', 'venezuela, caracas, maracaibo', 'venezolano, venezolana, venezuelan'],
  [
    'America/Mexico_City',
    'mexico, cdmx, ciudad de mexico, mexico city, centro de mexico, guadalajara, puebla',
    'mexicano, mexicana, mexican, centro',
  ],
  ['America/Monterrey', 'monterrey'],
  ['America/Tijuana', 'tijuana'],
  ['America/Cancun', 'cancun'],
  ['America/Guatemala', 'guatemala'],
  ['America/El_Salvador', 'el salvador, san salvador'],
  ['America/Tegucigalpa', 'honduras, tegucigalpa'],
  ['America/Managua', 'nicaragua, managua'],
  ['America/Costa_Rica', 'costa rica'],
  ['America/Panama', 'panama'],
  ['America/Havana', 'cuba, havana, la habana'],
  ['America/Santo_Domingo', 'republica dominicana, dominican republic, santo domingo'],
  ['America/Puerto_Rico', 'puerto rico'],
  // Brazil's zones as the IANA database draws them (Recife, Fortaleza… share Brasília's offset today, not its history).
  ['America/Manaus', 'manaus, amazonas, amazon'],
  ['America/Cuiaba', 'cuiaba, mato grosso'],
  ['America/Campo_Grande', 'campo grande, mato grosso do sul'],
  ['America/Porto_Velho', 'porto velho, rondonia'],
  ['America/Boa_Vista', 'boa vista, roraima'],
  ['America/Rio_Branco', 'rio branco, acre'],
  ['America/Recife', 'recife, pernambuco'],
  ['America/Fortaleza', 'fortaleza, ceara, teresina, sao luis, joao pessoa'],
  ['America/Maceio', 'maceio, aracaju, alagoas, sergipe'],
  ['America/Bahia', 'salvador, bahia'],
  ['America/Belem', 'belem, macapa'],
  [
    'America/Sao_Paulo',
    'brasilia, brasil, brazil, sao paulo, rio de janeiro, rio, belo horizonte, curitiba, porto alegre, florianopolis, floripa, goiania, campinas',
    'brasileiro, brasileira, brazilian',
  ],
  [
    'Europe/Madrid',
    'espana, spain, madrid, barcelona, sevilla, seville, valencia, bilbao, malaga',
    'spanish, espanol, espanola, peninsular',
  ],
  ['Atlantic/Canary', 'canarias, canary islands, tenerife'],
  ['Europe/Lisbon', 'portugal, lisboa, lisbon, porto', 'portugues, portuguesa, portuguese'],
  [
    'Europe/London',
    'uk, united kingdom, britain, london, londres, england, inglaterra, manchester, liverpool, scotland, glasgow, edinburgh',
    'british, english, ingles, inglesa',
  ],
  ['Europe/Dublin', 'ireland, irlanda, dublin'],
  ['Europe/Paris', 'paris, france, francia, franca'],
  ['Europe/Rome', 'rome, roma, italy, italia, milan, milano, milao, turin, torino, naples, napoles'],
  ['Europe/Amsterdam', 'amsterdam, netherlands, holland, holanda'],
  ['Europe/Berlin', 'berlin, germany, alemania, alemanha, munich, munchen, munique', 'central europe, central european, europa central'],
  ['Asia/Tokyo', 'tokyo, toquio, japan, japon, japao'],
  ['Asia/Dubai', 'dubai, abu dhabi'],
  ['Australia/Sydney', 'sydney, canberra'],
  ['Australia/Melbourne', 'melbourne'],
  ['Australia/Brisbane', 'brisbane'],
  ['Australia/Perth', 'perth'],
  ['Asia/Kolkata', 'india, mumbai, bombay, delhi, new delhi, bangalore, bengaluru, kolkata, chennai, hyderabad'],
  ['Asia/Singapore', 'singapore, singapur, cingapura'],
  ['Asia/Hong_Kong', 'hong kong'],
  ['Asia/Shanghai', 'china, beijing, shanghai, pekin, pequim, xangai'],
  ['Asia/Seoul', 'seoul, seul, korea, corea, coreia'],
  ['Asia/Manila', 'manila, philippines, filipinas'],
  ['Asia/Jakarta', 'jakarta, indonesia'],
  ['Asia/Bangkok', 'bangkok, thailand, tailandia'],
  ['Asia/Riyadh', 'riyadh, riad, saudi arabia, arabia saudita'],
  ['Asia/Qatar', 'doha, qatar, catar'],
  ['Africa/Lagos', 'lagos, nigeria, abuja'],
  ['Africa/Nairobi', 'nairobi, kenya, quenia'],
  ['Africa/Johannesburg', 'johannesburg, joburg, cape town, south africa, sudafrica, africa do sul'],
  ['Africa/Cairo', 'cairo, el cairo, egypt, egipto, egito'],
  ['Africa/Casablanca', 'casablanca, morocco, marruecos, marrocos'],
  ['Africa/Accra', 'accra, ghana'],
  ['Europe/Istanbul', 'istanbul, estambul, istambul, turkey, turquia'],
  ['Europe/Moscow', 'moscow, moscu, moscou'],
  ['Europe/Athens', 'athens, atenas, greece, grecia'],
  [
    'America/New_York',
    'new york, nueva york, nova york, nyc, manhattan, brooklyn, boston, philadelphia, philly, atlanta, miami, florida, orlando, tampa, charlotte, new jersey, east coast',
    'eastern',
  ],
  ['America/Toronto', 'toronto, montreal'],
  ['America/Detroit', 'detroit'],
  [
    'America/Chicago',
    'chicago, dallas, houston, austin, texas, san antonio, new orleans, nashville, minneapolis, milwaukee, kansas city, st louis, oklahoma city',
    'central',
  ],
  ['America/Denver', 'denver, colorado, salt lake city, utah', 'mountain'],
  ['America/Phoenix', 'phoenix, arizona'],
  [
    'America/Los_Angeles',
    'los angeles, california, west coast, san francisco, san diego, sacramento, oakland, seattle, portland, las vegas, vegas',
    'pacific',
  ],
  ['America/Vancouver', 'vancouver'],
  ['America/Anchorage', 'alaska, anchorage'],
  ['Pacific/Honolulu', 'hawaii, honolulu'],
];

const ABBREVIATIONS: Record<string, string> = {
  cet: 'Europe/Berlin',
  cest: 'Europe/Berlin',
  gmt: 'Europe/London',
  bst: 'Europe/London',
  wet: 'Europe/Lisbon',
  est: 'America/New_York',
  edt: 'America/New_York',
  et: 'America/New_York',
  cst: 'America/Chicago',
  cdt: 'America/Chicago',
  mst: 'America/Denver',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  brt: 'America/Sao_Paulo',
  art: 'America/Argentina/Buenos_Aires',
  utc: 'UTC',
  ist: 'Asia/Kolkata',
  wat: 'Africa/Lagos',
  eat: 'Africa/Nairobi',
  sast: 'Africa/Johannesburg',
  jst: 'Asia/Tokyo',
  aest: 'Australia/Sydney',
  aedt: 'Australia/Sydney',
  sgt: 'Asia/Singapore',
};
const ABBREVIATION = /\b(cet|cest|gmt|bst|wet|est|edt|et|cst|cdt|mst|pst|pdt|brt|art|utc|ist|wat|eat|sast|jst|aest|aedt|sgt)\b/i;

const TIME_WORDS = /\b(?:time|times|timezone|zone|hora|horas|horario|hs|hrs|zona|fuso)\b/;
/**
 * A time word before its place, with the words that may stand between ("hora del centro de
 * México", "time in the UK"). After "time" only English ones: "o time de Lisboa" is Portuguese
 * for Lisbon's team, not its clock.
 */
const CLOCK_BEFORE =
  /(?:\b(?:timezone|zone|hora|horas|horario|hs|hrs|zona|fuso)\s+(?:(?:de|del|do|da|of|in|en|em|no|na|la|el|the)\s+){0,2}|\btime\s+(?:(?:in|of|the)\s+){0,2})$/;
/** A time word after its place ("Lisbon time", "hora argentina" reads the other way round). */
const CLOCK_AFTER = /^\s+(?:time|timezone|zone|hora|horas|horario|hs|hrs|zona|fuso)\b/;
/** A time asked "in" a place: "what time is that in Madrid?", "¿a qué hora es en Lima?", "que horas fica em Lisboa?". */
const ASKED_IN = /\b(?:what time|a que hora|que hora|que horas|a que horas)\b[^?.!]{0,40}?\b(?:in|en|em|no|na)\s+(?:the\s+)?$/;
/**
 * Where the user is, before or after the question: "i'm in", "vivo en", "desde", "moro em", "tô no",
 * "aqui em", or where they are from ("i'm from", "soy de", "sou de"; "sou do Fortaleza" is a fan's,
 * and a club is no place).
 */
const WHERE_USER_IS =
  "(?:\\b(?:i['’]?m|i am|we['’]?re|we are|(?:i|we) (?:live|stay)|here|estoy|estamos|vivo|vivimos|ando|aca|aqui|moro|moramos|estou|to|tou|fico)\\s+(?:(?:currently|now|actually|still|based|living|staying|here|ahora|agora|actualmente|atualmente)\\s+)?(?:in|en|em|no|na)|\\b(?:i['’]?m|i am|we['’]?re|we are)\\s+(?:originally\\s+)?from|\\b(?:soy|somos|sou)\\s+de|\\bdesde)\\s+(?:the\\s+)?";
const USER_IS_BEFORE = new RegExp(`${WHERE_USER_IS}$`);
/**
 * Right after a kick-off question, a place said on its own is the clock asked again: "and in
 * Tokyo?", "¿y en Madrid?", "e em Lisboa?" (the message holds nothing else).
 */
const ALSO_IN = /^[\s¿¡]*(?:(?:and|y|e|what about|how about|y que tal|e que tal|ok)[ ,]+)?(?:in|en|em|para|pra|no|na)\s+(?:the\s+)?$/;
const NOTHING_AFTER = /^\s*(?:time|hora|horario)?\s*[?!.]*\s*$/;
/** The place first, the time asked after it: "¿y en Lima qué hora es?", "and in Tokyo what time is that", "e em Lisboa, que horas?". */
const IN_BEFORE = /\b(?:in|en|em|no|na)\s+(?:the\s+)?$/;
const TIME_ASKED_AFTER = /^[\s,]*(?:what time|a que hora|que hora|que horas|a que horas)\b/;
/** How far before a place its cue may begin: "what time" and forty characters, then "in the". */
const CUE_REACH = 80;
/** A message that may name a zone in words: most hold neither a time word nor where the user is. */
const MAY_NAME_ZONE = new RegExp(`${TIME_WORDS.source}|${WHERE_USER_IS}`);

/**
 * Initials that name a place only in English, where the user says they are or asks the time
 * there ("i'm in LA", "what time is it in NY"), or beside "time": folded, "la" is Spanish's "the"
 * ("estoy en la oficina").
 */
const INITIALS: Record<string, string> = {
  la: 'America/Los_Angeles',
  sf: 'America/Los_Angeles',
  ny: 'America/New_York',
  dc: 'America/New_York',
};
const IN_ENGLISH_BEFORE =
  /(?:\b(?:i['’]?m|i am|we['’]?re|we are|(?:i|we) (?:live|stay)|here)\s+(?:(?:currently|now|actually|still|based|living|staying|here)\s+)?in|\bwhat time\b[^?.!]{0,40}?\bin)\s+$/;
const TIME_AFTER = /^\s+time\b/;
/** "in La Liga" is no place. */
const LIGA_AFTER = /^\s+liga\b/;

interface Place {
  zone: string;
  /** Names a place only beside a time word ("Spanish time"), or only in English (INITIALS). */
  only?: 'besideTime' | 'inEnglish';
}
const PLACE_OF = new Map<string, Place>();
for (const [zone, places, adjectives] of ZONES) {
  for (const name of places.split(', ')) PLACE_OF.set(name, { zone });
  for (const name of adjectives?.split(', ') ?? []) PLACE_OF.set(name, { zone, only: 'besideTime' });
}

/** Every place name the extractor knows but initials, folded ("buenos aires", "sao paulo"): the language detector leaves them out. */
export const PLACE_NAMES: readonly string[] = [...PLACE_OF.keys()];
for (const [name, zone] of Object.entries(INITIALS)) PLACE_OF.set(name, { zone, only: 'inEnglish' });

/**
 * Any known place, spaces as any run of white space. Grouped by first letter ("a(?:rgentina|…)"),
 * so that each word is tried against one letter's names, not all; within a letter the longest
 * name first ("rio branco" before "rio").
 */
const PLACE = new RegExp(`\\b(?:${placeAlternatives([...PLACE_OF.keys()])})\\b`, 'g');

function placeAlternatives(names: readonly string[]): string {
  const byLetter = new Map<string, string[]>();
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    const rest = name.slice(1).replace(/ /g, '\\s+');
    byLetter.set(name[0], [...(byLetter.get(name[0]) ?? []), rest]);
  }
  return [...byLetter].map(([letter, rests]) => `${letter}(?:${rests.join('|')})`).join('|');
}

/** How a place is named: its clock ("hora de Lima"), the clock asked in it ("what time… in Lima"), where the user is. */
enum Cue {
  Clock,
  AskedIn,
  UserIs,
}

interface NamedPlace {
  zone: string;
  cue: Cue;
  start: number;
  end: number;
}

/** The places `folded` names as a clock or as where the user is, in the order written. */
function namedPlaces(folded: string, afterATimeQuestion = false): NamedPlace[] {
  const found: NamedPlace[] = [];
  // exec on the one global pattern: matchAll would copy the pattern (its many names) per message.
  PLACE.lastIndex = 0;
  for (let m = PLACE.exec(folded); m; m = PLACE.exec(folded)) {
    const start = m.index;
    const end = start + m[0].length;
    const place = PLACE_OF.get(m[0]) ?? PLACE_OF.get(m[0].replace(/\s+/g, ' '));
    if (!place) continue;
    const before = folded.slice(Math.max(0, start - CUE_REACH), start);
    if (place.only === 'inEnglish') {
      const after = folded.slice(end, end + 8);
      const timeAfter = TIME_AFTER.exec(after);
      if (timeAfter) found.push({ zone: place.zone, cue: Cue.Clock, start, end: end + timeAfter[0].length });
      else if (IN_ENGLISH_BEFORE.test(before) && !LIGA_AFTER.test(after)) found.push({ zone: place.zone, cue: Cue.UserIs, start, end });
      continue;
    }
    const clockBefore = CLOCK_BEFORE.exec(before);
    if (clockBefore) {
      found.push({ zone: place.zone, cue: Cue.Clock, start: start - before.length + clockBefore.index, end });
      continue;
    }
    const clockAfter = CLOCK_AFTER.exec(folded.slice(end, end + 12));
    if (clockAfter) {
      found.push({ zone: place.zone, cue: Cue.Clock, start, end: end + clockAfter[0].length });
      continue;
    }
    if (place.only === 'besideTime') continue;
    if (ASKED_IN.test(before) || (afterATimeQuestion && ALSO_IN.test(before) && NOTHING_AFTER.test(folded.slice(end))))
      found.push({ zone: place.zone, cue: Cue.AskedIn, start, end });
    else if (USER_IS_BEFORE.test(before)) found.push({ zone: place.zone, cue: Cue.UserIs, start, end });
    else if (IN_BEFORE.test(before) && TIME_ASKED_AFTER.test(folded.slice(end, end + 16)))
      found.push({ zone: place.zone, cue: Cue.AskedIn, start, end });
  }
  return found;
}

/**
 * Where the message names a place's clock or where the user is ("New York time", "hora de Madrid",
 * "i'm in Mexico City"), as [start, end) offsets: a team name there ("New York", the "City" of
 * Mexico City) is the place, not a team. Read on the message before names are blanked; folding
 * keeps offsets for the Latin letters chat uses.
 */
export function clockSpans(text: string, afterATimeQuestion = false): Array<[number, number]> {
  const folded = foldAccents(text);
  if (!afterATimeQuestion && !MAY_NAME_ZONE.test(folded)) return [];
  return namedPlaces(folded, afterATimeQuestion).map(({ start, end }) => [start, end]);
}

/**
 * The zone named in `text` (team names already blanked out, so "Real Madrid" is no place): an
 * abbreviation, else a place's clock, else the clock asked in a place, else where the user is.
 */
export function extractTimeZone(text: string, written = text, afterATimeQuestion = false): string | undefined {
  return readZones(text, written, afterATimeQuestion).zone;
}

/** The zones a message names: the one its times are asked in, and where the user says they are ("i'm in Lima"). */
export interface NamedZones {
  zone?: string;
  userIs?: string;
}

const NO_ZONES: NamedZones = {};

/** extractTimeZone, with where the user is beside it ("estoy en México" names both). */
export function readZones(text: string, written = text, afterATimeQuestion = false): NamedZones {
  const folded = foldAccents(text);
  // `written` keeps the message's capitals (the NLU's reading of it is lowercased).
  const abbreviation = ABBREVIATION.exec(written);
  // Written in capitals ("CET") or beside a time word ("est time"): "art" and "est" are words too.
  if (abbreviation && (abbreviation[1] === abbreviation[1].toUpperCase() || TIME_WORDS.test(folded))) {
    return { zone: ABBREVIATIONS[abbreviation[1].toLowerCase()] };
  }
  if (!afterATimeQuestion && !MAY_NAME_ZONE.test(folded)) return NO_ZONES;
  let best: NamedPlace | undefined;
  let userIs: string | undefined;
  for (const place of namedPlaces(folded, afterATimeQuestion)) {
    if (!best || place.cue < best.cue) best = place;
    if (place.cue === Cue.UserIs) userIs ??= place.zone;
  }
  return best ? { zone: best.zone, ...(userIs ? { userIs } : {}) } : NO_ZONES;
}

/**
 * The zone later answers show times in, once the chat has named one: where the user last said they
 * are (`stated`), else the first clock they asked for ("and in Madrid?" after that is a one-off).
 */
export interface UserZone {
  zone: string;
  stated: boolean;
}

export function keptUserZone(named: NamedZones, earlier: UserZone | undefined): UserZone | undefined {
  if (named.userIs) return earlier?.stated && earlier.zone === named.userIs ? earlier : { zone: named.userIs, stated: true };
  if (earlier || !named.zone) return earlier;
  return { zone: named.zone, stated: false };
}
