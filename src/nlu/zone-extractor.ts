import { foldAccents } from '../common/text';
import { WordGate } from './word-gate';

/**
 * A time zone the user names in words ("hora argentina", "horário de Brasília", "Chile time",
 * "Pacific time", "CET"), as an IANA zone. Places count only next to a time word, so "odds for
 * Chile" is no time zone; abbreviations (CET, EST, PST…) count on their own.
 */
const PLACES: Array<[RegExp, string]> = [
  [/\b(?:argentin[ao]?|argentine|buenos aires)\b/, 'America/Argentina/Buenos_Aires'],
  [/\b(?:chile|chilen[ao]|chilean|santiago)\b/, 'America/Santiago'],
  [/\b(?:uruguay|uruguai|uruguay[ao]|uruguaian[ao]|montevideo|uruguayan)\b/, 'America/Montevideo'],
  [/\b(?:paraguay|paraguai|asuncion)\b/, 'America/Asuncion'],
  [/\b(?:bolivia|la paz)\b/, 'America/La_Paz'],
  [/\b(?:colombia|colombian[ao]?|bogota)\b/, 'America/Bogota'],
  [/\b(?:peru|perua|peruan[ao]|peruvian|lima)\b/, 'America/Lima'],
  [/\b(?:ecuador|equador|ecuatorian[ao]|quito|guayaquil)\b/, 'America/Guayaquil'],
  [/\b(?:venezuela|venezolan[ao]|caracas)\b/, 'America/Caracas'],
  [/\b(?:centro de mexico|mexico|mexican[ao]?|cdmx|ciudad de mexico|mexico city|guadalajara|monterrey)\b/, 'America/Mexico_City'],
  [/\b(?:manaus|amazonas|amazon)\b/, 'America/Manaus'],
  [/\b(?:brasilia|brasil|brazil|brasileir[ao]|brazilian|sao paulo|rio de janeiro|rio)\b/, 'America/Sao_Paulo'],
  [/\b(?:espana|spain|spanish|espanol[a]?|peninsular|madrid)\b/, 'Europe/Madrid'],
  [/\b(?:portugal|portugues[a]?|portuguese|lisboa|lisbon)\b/, 'Europe/Lisbon'],
  [/\b(?:uk|united kingdom|britain|british|london|londres|england|english|inglaterra)\b/, 'Europe/London'],
  [/\b(?:central europe(?:an)?|europa central|paris|berlin|rome|roma|italy|italia|germany|alemania|alemanha|france|francia|franca)\b/, 'Europe/Berlin'],
  [/\b(?:eastern|new york|nueva york|nova york|miami|florida)\b/, 'America/New_York'],
  [/\b(?:central time|chicago)\b/, 'America/Chicago'],
  [/\b(?:mountain time|denver)\b/, 'America/Denver'],
  [/\b(?:pacific|los angeles|california|west coast)\b/, 'America/Los_Angeles'],
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
};

const TIME_WORDS = /\b(?:time|times|timezone|zone|hora|horas|horario|hs|hrs|zona|fuso)\b/;
const TIME = '(?:time|timezone|zone|hora|horas|horario|hs|hrs|zona|fuso)';
/** Words that may stand between a time word and its place ("hora del centro de México"). */
const LINK = '(?:(?:de|del|do|da|of|in|en|em|no|na|la|el|the)\\s+){0,2}';
const ABBREVIATION = /\b(cet|cest|gmt|bst|wet|est|edt|et|cst|cdt|mst|pst|pdt|brt|art|utc)\b/i;

/** A time asked "in" a place: "what time is that in Madrid?", "¿a qué hora es en Lima?", "que horas fica em Lisboa?". */
const ASKED_IN = '(?<=\\b(?:what time|a que hora|que hora|que horas|a que horas)\\b[^?.!]{0,40}?\\b(?:in|en|em|no|na)\\s+(?:the\\s+)?)';

const BESIDE_TIME: Array<[RegExp, string]> = PLACES.map(([place, zone]) => [
  new RegExp(`\\b${TIME}\\s+${LINK}(?:${place.source})|(?:${place.source})\\s+${TIME}\\b|${ASKED_IN}(?:${place.source})`),
  zone,
]);
/** The same, global, to find where in the text such a clock is named. */
const BESIDE_TIME_ALL = BESIDE_TIME.map(([pattern]) => new RegExp(pattern.source, 'g'));
/**
 * A clock's pattern can only match where its place is named: a message with a time word names
 * one or two places at most, and the gate (word-gate.ts) spares it the patterns of the others.
 */
const PLACE_WORDS = new WordGate(PLACES.map(([place]) => place));

/**
 * Where the message names a place's clock ("New York time", "hora de Madrid"), as [start, end)
 * offsets: a team name there ("New York") is the place, not a team. Read on the message before
 * names are blanked; folding keeps offsets for the Latin letters chat uses.
 */
export function clockSpans(text: string): Array<[number, number]> {
  const folded = foldAccents(text);
  if (!TIME_WORDS.test(folded)) return [];
  const spans: Array<[number, number]> = [];
  const places = PLACE_WORDS.scan(folded);
  BESIDE_TIME_ALL.forEach((pattern, i) => {
    if (places.may(PLACES[i][0])) for (const m of folded.matchAll(pattern)) spans.push([m.index, m.index + m[0].length]);
  });
  return spans;
}

/** The zone named in `text` (team names already blanked out, so "Real Madrid" is no place). */
export function extractTimeZone(text: string): string | undefined {
  const folded = foldAccents(text);
  const timeWords = TIME_WORDS.test(folded);
  const abbreviation = ABBREVIATION.exec(text);
  // Written in capitals ("CET") or beside a time word ("est time"): "art" and "est" are words too.
  if (abbreviation && (abbreviation[1] === abbreviation[1].toUpperCase() || timeWords)) {
    return ABBREVIATIONS[abbreviation[1].toLowerCase()];
  }
  if (!timeWords) return undefined;
  // The place must be the time word's ("hora de Chile", "Pacific time"): in "what time does Peru
  // play?" Peru is a team, not a clock.
  const places = PLACE_WORDS.scan(folded);
  return BESIDE_TIME.find(([pattern], i) => places.may(PLACES[i][0]) && pattern.test(folded))?.[1];
}
