import type { Language } from '../../common/protocol';
import { isTimeZone } from '../../common/time-zone';

/**
 * The figures of one sentence that the grounding guard checks, read the way the answer's
 * language writes them. Only four kinds are facts the tools give: a decimal price, an amount of
 * money, a percentage and a clock time. Everything else with digits — counts, dates, lines
 * ("over 2.5", "-0.5"), "1X2", examples ("e.g. 25.50") — is not returned, so it is never corrected.
 */
export type FigureKind = 'price' | 'amount' | 'percent' | 'time';

export interface Figure {
  kind: FigureKind;
  /** The number; for a time, minutes after midnight on a 24-hour clock. */
  value: number;
  /** The span a correction replaces: the number, with its `%` or am/pm. */
  start: number;
  end: number;
  /** Digits written after the decimal mark (0 without one). */
  decimals: number;
  decimalMark?: '.' | ',';
  groupMark?: '.' | ',';
  /** Times: how the clock was written, and the zone named right after it, if any (IANA or UTC). */
  clock?: Clock;
  zone?: string;
}

export interface Clock {
  style: '24h' | '12h' | 'h';
  /** Digits of the hour as written ("08:00" → 2). */
  hourDigits: number;
  /** Minutes were written ("20h" has none). */
  minutes: boolean;
  /** The am/pm suffix as written, with the space before it (" PM", "pm", " p.m."). */
  suffix?: string;
}

// A number is a run of digits with inner dots or commas: "2.10", "1.850,00", "3,885", "1000"
// (/\d+(?:[.,]\d+)*/, read by numberEnd).
/** TIME_COLON's am/pm, matched where the minutes end. */
const MERIDIEM_AT = /\s?[ap]\.?\s?m\b\.?/iy;
const TIME_MERIDIEM = /(?<![\d.,:])(\d{1,2})(\s?[ap]\.?\s?m\b\.?)/gi;
const TIME_H = /(?<![\d.,:])(\d{1,2})h(\d{2})?(?![\p{L}\d])/giu;
// What each clock pattern cannot match without: most sentences have no clock, and a listing's
// have one kind, so each pattern runs only where its kind may be.
const COLON_HINT = /\d:\d\d/;
const MERIDIEM_HINT = /\d\s?[ap]\.?\s?m\b/i;
const H_HINT = /\dh/i;
const ZONE = String.raw`\s*(?:\(\s*)?(UTC|GMT|[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_-]*(?: [A-Z][A-Za-z_-]*)*)+)`;
const ZONE_AFTER = new RegExp(`^${ZONE}`);
const ZONE_AT = new RegExp(ZONE, 'y');
/** ZONE where its first two choices match (it tries them first). */
const UTC_AT = /\s*(?:\(\s*)?(?:UTC|GMT)/y;

const CURRENCY_AFTER =
  /^\s?(?:[A-Z]{3}\b|(?:dollars?|d[oó]lares|reais|reales|euros?|pesos|soles)(?![\p{L}]))/u;
const PERCENT = 37;
// What makes a decimal a line or a statistic, not a price: "over 2.5", "más de 2,5", "+0.5",
// "2.5 goals", "1.5 million", "an xG of 1.45".
const LINE_BEFORE =
  /(?:\b(?:over|under|m[aá]s de|menos de|mais de|acima de|abaixo de|line of|l[ií]nea de|linha de|h[aá]ndicap)\s*|[+\-−±]\s?)$/i;
const LINE_AFTER =
  /^\s?(?:goals?|goles|gols|points?|puntos|pontos|pts|million|billion|mill[oó]n|millones|milh[aã]o|milh[oõ]es|years?|a[nñ]os|hours?|horas|minutes|minutos|km|kg)\b/i;
const STATISTIC_BEFORE =
  /\b(?:xg|average|avg|promedio|m[eé]dia|rating|per game|por partido|por jogo)\b\D{0,8}$/i;
/** Figures a clause offers as examples ("e.g. 25.50", "por ejemplo 10 o 25,50") state no fact. */
const EXAMPLE_CUE =
  /\b(?:e\.\s?g\.|for example|for instance|such as|like|por ejemplo|p\.\s?ej\.|por exemplo|ex\.:?)\s/i;
const COMMA = 44;
const DOT = 46;
const SLASH = 47;
const SPACE = 32;
/** Any example cue at all: most sentences have none, and then no clause needs looking at. */
const ANY_EXAMPLE_CUE =
  /\b(?:e\.\s?g\.|for example|for instance|such as|like|por ejemplo|p\.\s?ej\.|por exemplo|ex\.)/i;

/**
 * Reads the figures of one sentence (or bullet line) in the answer's language.
 * @param starts the sentence's clause starts (clauseStarts), when the caller has them already;
 * worked out here only for a sentence that offers an example
 */
export function readFigures(sentence: string, language: Language, starts?: number[]): Figure[] {
  const figures: Figure[] = [];
  const taken: number[] = [];
  readTimes(sentence, figures, taken);
  // Numbers read by hand, as NUMBER would match them: a match object per number showed in profiles.
  for (let start = nextDigit(sentence, 0); start >= 0; start = nextDigit(sentence, start)) {
    const end = numberEnd(sentence, start);
    const from = start;
    start = end;
    if (overlaps(taken, from, end)) continue;
    const before = sentence.charCodeAt(from - 1);
    const after = sentence.charCodeAt(end);
    // Inside a word ("U21", "1X2", "Schalke 04" is a word and a number: only the letters count).
    if (isLetter(before) || isLetter(after)) continue;
    const percentEnd = percentAfter(sentence, end);
    if (percentEnd > 0) {
      const raw = sentence.slice(from, end);
      figures.push({ kind: 'percent', ...readNumber(raw, language, false), start: from, end: percentEnd });
      continue;
    }
    if (
      currencyBefore(sentence, from) ||
      (mayNameCurrency(sentence, end) && CURRENCY_AFTER.test(sentence.slice(end, end + 12)))
    ) {
      const raw = sentence.slice(from, end);
      figures.push({ kind: 'amount', ...readNumber(raw, language, true), start: from, end });
      continue;
    }
    // A price is a decimal: whole numbers are counts, stakes or dates, never checked.
    if (end === digitsEnd(sentence, from)) continue;
    const raw = sentence.slice(from, end);
    if (
      LINE_BEFORE.test(sentence.slice(Math.max(0, from - 14), from)) ||
      STATISTIC_BEFORE.test(sentence.slice(Math.max(0, from - 24), from)) ||
      LINE_AFTER.test(sentence.slice(end, end + 12))
    )
      continue;
    const n = readNumber(raw, language, false);
    if (n.decimals > 0 && n.value >= 1.01 && n.value < 1000)
      figures.push({ kind: 'price', ...n, start: from, end });
  }
  const stated = ANY_EXAMPLE_CUE.test(sentence)
    ? figures.filter((f) => !isExample(sentence, f.start, (starts ??= clauseStarts(sentence))))
    : figures;
  return inOrder(stated) ? stated : stated.sort((a, b) => a.start - b.start);
}

/** The first digit at or after `from`, or -1. */
function nextDigit(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (isDigit(text.charCodeAt(i))) return i;
  return -1;
}

function digitsEnd(text: string, from: number): number {
  let i = from;
  while (isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** Where NUMBER's match at `start` ends: digits, then each "." or "," that digits follow, with them. */
function numberEnd(text: string, start: number): number {
  let end = digitsEnd(text, start);
  for (;;) {
    const mark = text.charCodeAt(end);
    if ((mark !== DOT && mark !== COMMA) || !isDigit(text.charCodeAt(end + 1))) return end;
    end = digitsEnd(text, end + 1);
  }
}

/** Whether [start, end) overlaps a span already read as a time (spans as start, end pairs). */
function overlaps(taken: number[], start: number, end: number): boolean {
  for (let i = 0; i < taken.length; i += 2) if (start < taken[i + 1] && end > taken[i]) return true;
  return false;
}

/** Figures come in order unless a time was read before the numbers ahead of it. */
function inOrder(figures: Figure[]): boolean {
  for (let i = 1; i < figures.length; i++) if (figures[i].start < figures[i - 1].start) return false;
  return true;
}

/** Where a "%" right after a number ends ("52.6%", "52.6 %"), or -1. */
function percentAfter(sentence: string, end: number): number {
  const c = sentence.charCodeAt(end);
  if (c === PERCENT) return end + 1;
  return isBlank(c) && sentence.charCodeAt(end + 1) === PERCENT ? end + 2 : -1;
}

/** A currency sign right before a number: "$50", "R$ 50", "US$50", "€50", "£50", "S/ 50". */
function currencyBefore(sentence: string, start: number): boolean {
  let i = start - 1;
  if (isBlank(sentence.charCodeAt(i))) i--;
  const c = sentence[i];
  return c === '$' || c === '€' || c === '£' || (c === '/' && sentence[i - 1] === 'S');
}

/** Whether a currency code or word may follow (a letter, perhaps after one space): spares the pattern. */
function mayNameCurrency(sentence: string, end: number): boolean {
  const c = sentence.charCodeAt(isBlank(sentence.charCodeAt(end)) ? end + 1 : end);
  return isLetter(c);
}

function isBlank(code: number): boolean {
  return code === 32 || code === 0xa0;
}

function readTimes(sentence: string, figures: Figure[], taken: number[]): void {
  if (COLON_HINT.test(sentence)) colonTimes(sentence, figures, taken);
  if (MERIDIEM_HINT.test(sentence))
    for (const m of sentence.matchAll(TIME_MERIDIEM))
      addTime(sentence, figures, taken, m.index, m.index + m[0].length, Number(m[1]), 0, {
        style: '12h',
        hourDigits: m[1].length,
        minutes: false,
        suffix: m[2],
      });
  if (H_HINT.test(sentence))
    for (const m of sentence.matchAll(TIME_H))
      addTime(sentence, figures, taken, m.index, m.index + m[0].length, Number(m[1]), m[2] ? Number(m[2]) : 0, {
        style: 'h',
        hourDigits: m[1].length,
        minutes: m[2] !== undefined,
      });
}

/**
 * The matches of TIME_COLON, /(?<![\d.,:T])(\d{1,2}):(\d{2})(?!\d)(\s?[ap]\.?\s?m\b\.?)?/gi, found
 * from each colon: a listing has a clock on every line, and a match object each showed in profiles.
 */
function colonTimes(sentence: string, figures: Figure[], taken: number[]): void {
  let searched = 0;
  for (let colon = sentence.indexOf(':'); colon >= 0; colon = sentence.indexOf(':', colon + 1)) {
    // The hour is the one or two digits before the colon; with a third, no start passes the lookbehind.
    let start = colon;
    while (start > colon - 2 && isDigit(sentence.charCodeAt(start - 1))) start--;
    if (start === colon || start < searched || !mayStartClock(sentence.charCodeAt(start - 1))) continue;
    if (!isDigit(sentence.charCodeAt(colon + 1)) || !isDigit(sentence.charCodeAt(colon + 2))) continue;
    if (isDigit(sentence.charCodeAt(colon + 3))) continue;
    MERIDIEM_AT.lastIndex = colon + 3;
    const suffix = MERIDIEM_AT.exec(sentence)?.[0];
    const end = colon + 3 + (suffix?.length ?? 0);
    searched = end;
    const hour = start === colon - 1 ? digitAt(sentence, start) : digitAt(sentence, start) * 10 + digitAt(sentence, start + 1);
    const clock: Clock = suffix
      ? { style: '12h', hourDigits: colon - start, minutes: true, suffix }
      : { style: '24h', hourDigits: colon - start, minutes: true };
    addTime(sentence, figures, taken, start, end, hour, digitAt(sentence, colon + 1) * 10 + digitAt(sentence, colon + 2), clock);
  }
}

/** TIME_COLON's lookbehind: the character before a clock's hour (NaN at the start) is none of [\d.,:Tt]. */
function mayStartClock(code: number): boolean {
  return !isDigit(code) && code !== DOT && code !== COMMA && code !== 58 && code !== 84 && code !== 116;
}

function digitAt(text: string, index: number): number {
  return text.charCodeAt(index) - 48;
}

function addTime(
  sentence: string,
  figures: Figure[],
  taken: number[],
  start: number,
  end: number,
  hour: number,
  minute: number,
  clock: Clock,
): void {
  if (overlaps(taken, start, end)) return;
  const h24 = clock.suffix ? to24(hour, clock.suffix) : hour;
  if (h24 > 23 || minute > 59 || (clock.suffix && (hour < 1 || hour > 12))) return;
  const zone = zoneAfter(sentence, end);
  const value = h24 * 60 + minute;
  // Written out both ways rather than a zone added after: an added field costs the object a second allocation.
  figures.push(
    zone
      ? { kind: 'time', value, start, end, decimals: 0, clock, zone }
      : { kind: 'time', value, start, end, decimals: 0, clock },
  );
  taken.push(start, end);
}

function to24(hour: number, suffix: string): number {
  const pm = /p/i.test(suffix);
  return (hour % 12) + (pm ? 12 : 0);
}

/** "UTC", "GMT" or an IANA zone named within 48 characters after a time ("20:00 (America/Sao Paulo)"). */
function zoneAfter(sentence: string, end: number): string | undefined {
  // Read in place; only a name running past the 48 characters is read again from them, as it was written.
  // UTC first, without a match object: a listing names it after every clock.
  UTC_AT.lastIndex = end;
  if (UTC_AT.test(sentence) && UTC_AT.lastIndex <= end + 48) return 'UTC';
  ZONE_AT.lastIndex = end;
  let m = ZONE_AT.exec(sentence);
  if (m && ZONE_AT.lastIndex > end + 48) m = ZONE_AFTER.exec(sentence.slice(end, end + 48));
  if (!m) return undefined;
  if (m[1] === 'UTC' || m[1] === 'GMT') return 'UTC';
  const zone = m[1].replace(/ /g, '_');
  return isTimeZone(zone) ? zone : undefined;
}

function isExample(sentence: string, at: number, starts: number[]): boolean {
  let from = 0;
  for (const start of starts) if (start <= at) from = start;
  return EXAMPLE_CUE.test(sentence.slice(from, at));
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f);
}

/**
 * A written number as a value. Both marks present: the last one is the decimal mark. One mark
 * once, followed by other than three digits: a decimal mark. "1.850" or "3,885" (one mark, three
 * digits) is where languages disagree: money is read the language's way (en 1.85 / 3,885 → 3885;
 * es and pt_br 1.850 → 1850, 3,885 → 3.885); anything else is a price or a percentage, where a dot
 * is always decimal ("3.885", a parlay's odd) and a comma is decimal outside English.
 */
export function readNumber(
  raw: string,
  language: Language,
  money: boolean,
): Pick<Figure, 'value' | 'decimals' | 'decimalMark' | 'groupMark'> {
  const dot = raw.lastIndexOf('.');
  const comma = raw.lastIndexOf(',');
  if (dot < 0 && comma < 0) return { value: Number(raw), decimals: 0 };
  let decimalMark: '.' | ',' | undefined;
  if (dot >= 0 && comma >= 0) decimalMark = dot > comma ? '.' : ',';
  else {
    const mark = dot >= 0 ? '.' : ',';
    const at = Math.max(dot, comma);
    const once = raw.indexOf(mark) === at;
    const after = raw.length - at - 1;
    if (!once) decimalMark = undefined;
    else if (after !== 3) decimalMark = mark;
    else if (money) decimalMark = (language === 'en') === (mark === '.') ? mark : undefined;
    else decimalMark = mark === '.' || language !== 'en' ? mark : undefined;
  }
  const groupMark =
    decimalMark === undefined
      ? dot >= 0
        ? '.'
        : ','
      : decimalMark === '.'
        ? comma >= 0
          ? ','
          : undefined
        : dot >= 0
          ? '.'
          : undefined;
  let text = groupMark ? raw.split(groupMark).join('') : raw;
  if (decimalMark === ',') text = text.replace(',', '.');
  const decimals = decimalMark ? raw.length - raw.lastIndexOf(decimalMark) - 1 : 0;
  return {
    value: Number(text),
    decimals,
    ...(decimalMark ? { decimalMark } : {}),
    ...(groupMark ? { groupMark } : {}),
  };
}

/** Where clauses of a sentence start: commas between words, semicolons, brackets, dashes, bullets. */
export function clauseStarts(sentence: string): number[] {
  const starts = [0];
  for (let i = 0; i < sentence.length; i++) {
    const c = sentence.charCodeAt(i);
    if (isClauseMark(c)) starts.push(i + 1);
    // A comma between digits is inside a number ("1,850"); " / " separates, "over/under" does not.
    else if (c === COMMA && !isDigit(sentence.charCodeAt(i + 1))) starts.push(i + 1);
    else if (c === SLASH && sentence.charCodeAt(i - 1) === SPACE && sentence.charCodeAt(i + 1) === SPACE)
      starts.push(i + 2);
  }
  return starts;
}

/** ; ( ) [ ] — – · | and line breaks end a clause. */
function isClauseMark(code: number): boolean {
  switch (code) {
    case 0x3b:
    case 0x28:
    case 0x29:
    case 0x5b:
    case 0x5d:
    case 0x2014:
    case 0x2013:
    case 0xb7:
    case 0x7c:
    case 0x0a:
      return true;
    default:
      return false;
  }
}

/**
 * A fact written the way the wrong figure was: its marks, its number of decimals where the fact
 * allows, its clock. Prices keep two decimals (three for a parlay's 3.885), percentages one.
 */
export function renderLike(figure: Figure, fact: number, language: Language): string {
  switch (figure.kind) {
    case 'time':
      return renderClock(fact, figure.clock ?? { style: '24h', hourDigits: 2, minutes: true });
    case 'percent':
      return `${renderNumber(round(fact, 1), 1, figure, language, false)}%`;
    case 'price': {
      const three = Math.abs(round(fact, 3) - round(fact, 2)) > 1e-9;
      return renderNumber(fact, three ? 3 : 2, figure, language, false);
    }
    case 'amount': {
      const whole = Math.abs(fact - Math.round(fact)) < 0.005;
      return renderNumber(fact, figure.decimals === 0 && whole ? 0 : 2, figure, language, true);
    }
  }
}

function renderNumber(
  value: number,
  decimals: number,
  like: Figure,
  language: Language,
  money: boolean,
): string {
  const decimalMark =
    like.decimalMark ??
    (like.groupMark === '.' ? ',' : like.groupMark === ',' ? '.' : language === 'en' ? '.' : ',');
  const groupMark = decimalMark === '.' ? ',' : '.';
  const grouped = money && Math.abs(value) >= 1000 && (like.groupMark !== undefined || like.value < 1000);
  const [whole, fraction] = value.toFixed(decimals).split('.');
  const digits = grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, groupMark) : whole;
  return fraction ? `${digits}${decimalMark}${fraction}` : digits;
}

function renderClock(minutes: number, clock: Clock): string {
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const mm = String(minute).padStart(2, '0');
  switch (clock.style) {
    case '24h':
      return `${clock.hourDigits === 2 ? String(hour).padStart(2, '0') : hour}:${mm}`;
    case 'h':
      return `${String(hour).padStart(clock.hourDigits, '0')}h${clock.minutes || minute ? mm : ''}`;
    case '12h': {
      const suffix = clock.suffix ?? ' pm';
      const pm = hour >= 12;
      const written = /p/i.test(suffix);
      // Keep the suffix's spelling, switching between a and p when the fact needs the other half.
      const shown =
        pm === written
          ? suffix
          : suffix.replace(/[ap]/i, (c) =>
              pm ? (c === c.toUpperCase() ? 'P' : 'p') : c === c.toUpperCase() ? 'A' : 'a',
            );
      const h12 = hour % 12 === 0 ? 12 : hour % 12;
      return `${h12}${clock.minutes || minute ? `:${mm}` : ''}${shown}`;
    }
  }
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * f) / f;
}
