import * as chrono from 'chrono-node';
import type { Language } from '../common/protocol';
import { foldAccents } from '../common/text';

/**
 * Dates a message refers to, as ISO days (YYYY-MM-DD), ascending. A single day gives one date;
 * a range ("this weekend", "next week", "midweek", "this month") gives its FIRST and LAST day,
 * so consumers read `dates[0]..dates[dates.length - 1]` as the window to search. Days are
 * computed in the server's local calendar (UTC in containers and tests).
 *
 * chrono-node parses single days in the three languages; the week-shaped ranges people use for
 * football ("este fim de semana", "midweek") are not in chrono, so they are matched here first.
 */
type Range = (today: Date) => [Date, Date];

const RANGES: Array<[RegExp, Range]> = [
  [
    /\bnext (?:weekend|wknd|wkend)\b|\b(?:el )?(?:proximo|siguiente) (?:fin de semana|finde)\b|\bfin de semana que viene\b|\b(?:no )?proximo fim de semana\b|\bfim de semana que vem\b/g,
    (t) => {
      const [sat, sun] = weekend(t);
      return [addDays(sat, 7), addDays(sun, 7)];
    },
  ],
  [
    /\b(?:this |the )?(?:weekend|wknd|wkend)\b|\b(?:este |el )?(?:fin de semana|finde)\b|\b(?:este |neste |nesse |no )?(?:fim de semana|fds)\b/g,
    weekend,
  ],
  [
    /\b(?:next|coming) (?:two|2) weeks\b|\bfortnight\b|\b(?:las )?proximas (?:dos|2) semanas\b|\b(?:as )?proximas (?:duas|2) semanas\b/g,
    (t) => [t, addDays(t, 13)],
  ],
  [
    /\bnext week\b|\b(?:la )?(?:proxima|siguiente) semana\b|\bsemana que viene\b|\b(?:a )?proxima semana\b|\bsemana que vem\b/g,
    (t) => {
      const monday = addDays(t, t.getDay() === 0 ? 1 : 8 - t.getDay());
      return [monday, addDays(monday, 6)];
    },
  ],
  [/\bmid-?week\b|\bmitad de semana\b|\bentre semana\b|\bmeio de semana\b/g, midweek],
  [
    /\bthis week\b|\besta semana\b|\bnesta semana\b|\bessa semana\b|\besta semana\b/g,
    (t) => [t, addDays(t, t.getDay() === 0 ? 0 : 7 - t.getDay())],
  ],
  [
    /\bnext month\b|\bel (?:mes )?proximo mes\b|\bproximo mes\b|\bmes que vem\b/g,
    (t) => [new Date(t.getFullYear(), t.getMonth() + 1, 1), new Date(t.getFullYear(), t.getMonth() + 2, 0)],
  ],
  [
    /\bthis month\b|\beste mes\b|\bneste mes\b|\besse mes\b/g,
    (t) => [t, new Date(t.getFullYear(), t.getMonth() + 1, 0)],
  ],
  [/\btonight\b|\besta noche\b|\besta noite\b|\bhoje a noite\b|\bhoje de noite\b/g, (t) => [t, t]],
];

// Every range pattern above contains one of these: most messages skip the nine scans at once.
const MAY_HOLD_A_RANGE = /week|wk|fin de semana|finde|fim de semana|fds|fortnight|semana|month|mes|night|noche|noite/;

// Cheap gate in front of chrono (its parsers are the costliest step of a message): words and
// shapes any date expression it understands contains, in en/es/pt. A bare number is not one of
// them: on its own chrono reads it as nothing, as an hour the filter below drops anyway
// ("bet 20 on Arsenal"), or wrongly ("back from 5 on Lazio" as 5 o'clock), so only numbers shaped
// like a date or a time ("20:00", "8pm", "5th", "a las 9") open the gate.
const MAY_HOLD_A_DATE = new RegExp(
  String.raw`\d[:/.\-]\d|\d\s*(?:am|pm|a\.m|p\.m|h|hs|hrs?|o'? ?clock|st|nd|rd|th)\b|\d[ºª]|\d{4}|\b(?:las|as) \d|\b(?:` +
    [
      'today|tonight|tomorrow|yesterday|now|noon|midnight|morning|afternoon|evening|night|weeks?|months?|years?|days?',
      'hours?|minutes?|mins?|horas?|minutos?',
      'mon|monday|tue|tues|tuesday|wed|wednesday|thu|thur|thurs|thursday|fri|friday|sat|saturday|sun|sunday',
      'jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december',
      'hoy|manana|ayer|pasado|noche|tarde|semanas?|mes|meses|anos?|dias?|lunes|martes|miercoles|jueves|viernes|sabado|domingo|ahora',
      'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre',
      'hoje|amanha|ontem|noite|segunda|terca|quarta|quinta|sexta|agora|janeiro|fevereiro|marco|maio|junho|julho|setembro|outubro|novembro|dezembro',
    ].join('|') +
    String.raw`)\b`,
);

/** Anything but printable ASCII, tabs and line breaks: text without it is NFC as it is. */
const MAY_NEED_NFC = /[^\t\n\r -~]/;

const PARSERS: Record<Language, chrono.Chrono> = {
  en: chrono.en.casual,
  es: chrono.es.casual,
  pt_br: chrono.pt.casual,
};

export class DateExtractor {
  extract(text: string, language: Language, reference: Date = new Date()): string[] {
    const dates: Date[] = [];
    // Folding accents keeps the string's length for NFC text, so blanked ranges stay aligned.
    // Plain ASCII text is NFC already (most messages): normalizing it would only copy it.
    let rest = foldAccents(MAY_NEED_NFC.test(text) ? text.normalize('NFC') : text);
    if (MAY_HOLD_A_RANGE.test(rest)) {
      const today = new Date(reference.getFullYear(), reference.getMonth(), reference.getDate());
      for (const [pattern, range] of RANGES) {
        rest = rest.replace(pattern, (match) => {
          dates.push(...range(today));
          return ' '.repeat(match.length);
        });
      }
    }
    const results = MAY_HOLD_A_DATE.test(rest)
      ? PARSERS[language].parse(rest, reference, { forwardDate: true })
      : [];
    for (const result of results) {
      // "a 20", "de 10": a bare number is a stake or a count, not a day.
      if (/^\s*(?:(?:a|de|at|on|en|em|no|el|the|por|for)\s+)?\d+\s*$/.test(result.text)) continue;
      dates.push(result.start.date());
      if (result.end) dates.push(result.end.date());
    }
    return dates.length === 0 ? [] : [...new Set(dates.map(isoDay))].sort();
  }
}

function weekend(today: Date): [Date, Date] {
  const dow = today.getDay();
  if (dow === 0) return [today, today];
  const saturday = addDays(today, 6 - dow);
  return [saturday, addDays(saturday, 1)];
}

/** Tuesday to Thursday of this week, or of next week once Thursday has passed. */
function midweek(today: Date): [Date, Date] {
  const dow = today.getDay();
  if (dow >= 1 && dow <= 4) return [dow <= 2 ? addDays(today, 2 - dow) : today, addDays(today, 4 - dow)];
  const tuesday = addDays(today, dow === 0 ? 2 : 9 - dow);
  return [tuesday, addDays(tuesday, 2)];
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
