import type { Language } from '../../common/protocol';
import { wallClock } from '../../common/time-zone';

const WEEKDAYS: Record<Language, string[]> = {
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  es: ['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'],
  pt_br: ['dom', 'seg', 'ter', 'qua', 'qui', 'sex', 'sáb'],
};
const MONTHS: Record<Language, string[]> = {
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  es: ['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic'],
  pt_br: ['jan', 'fev', 'mar', 'abr', 'mai', 'jun', 'jul', 'ago', 'set', 'out', 'nov', 'dez'],
};
const RELATIVE: Record<Language, { today: string; tomorrow: string; at: string }> = {
  en: { today: 'today', tomorrow: 'tomorrow', at: 'at' },
  es: { today: 'hoy', tomorrow: 'mañana', at: 'a las' },
  pt_br: { today: 'hoje', tomorrow: 'amanhã', at: 'às' },
};

let lastDay = '';
let lastDayAfter = '';

/** The ISO date after `isoDate`; an answer asks it for every fixture it lists, always of the same day. */
function dayAfter(isoDate: string): string {
  if (isoDate !== lastDay) {
    lastDayAfter = new Date(new Date(`${isoDate}T00:00:00.000Z`).getTime() + 86_400_000).toISOString().slice(0, 10);
    lastDay = isoDate;
  }
  return lastDayAfter;
}

interface LocalTime {
  day: string;
  weekday: number;
  date: number;
  month: number;
  time: string;
}

/** Wall-clock day, weekday and time of an instant in a zone. */
function zoned(date: Date, zone: string): LocalTime {
  const clock = wallClock(date, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = `${clock.year}-${pad(clock.month)}-${pad(clock.day)}`;
  const weekday = new Date(Date.UTC(clock.year, clock.month - 1, clock.day)).getUTCDay();
  return { day, weekday, date: clock.day, month: clock.month - 1, time: `${pad(clock.hour)}:${pad(clock.minute)}` };
}

/**
 * Today's date in a zone, worked out once per minute of the clock rather than for every line that
 * asks: no zone's midnight falls inside a minute (every offset in use is whole minutes).
 */
const todays = new Map<string, { minute: number; day: string }>();
const TODAYS_MAX = 5_000;

function todayIn(zone: string): string {
  const now = new Date();
  const minute = Math.floor(now.getTime() / 60_000);
  const known = todays.get(zone);
  if (known?.minute === minute) return known.day;
  const day = zoned(now, zone).day;
  if (todays.size >= TODAYS_MAX) todays.clear();
  todays.set(zone, { minute, day });
  return day;
}

/**
 * "Sat 29 Nov, 20:00 UTC", or "today at 20:00 UTC" when it is today/tomorrow. With a zone the
 * wall-clock time there, the zone named ("today at 17:00 (America/Sao Paulo)"), and today/tomorrow
 * as they are in that zone.
 */
export function kickoff(iso: string, language: Language, today?: string, zone?: string): string {
  if (zone && zone !== 'UTC') {
    const local = zoned(new Date(iso), zone);
    const time = `${local.time} (${zone.replace(/_/g, ' ')})`;
    const localToday = today ? todayIn(zone) : undefined;
    if (localToday) {
      const words = RELATIVE[language];
      if (local.day === localToday) return `${words.today} ${words.at} ${time}`;
      if (local.day === dayAfter(localToday)) return `${words.tomorrow} ${words.at} ${time}`;
    }
    return `${WEEKDAYS[language][local.weekday]} ${local.date} ${MONTHS[language][local.month]}, ${time}`;
  }
  const date = new Date(iso);
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')} UTC`;
  const day = iso.slice(0, 10);
  if (today) {
    const tomorrow = dayAfter(today);
    const words = RELATIVE[language];
    if (day === today) return `${words.today} ${words.at} ${time}`;
    if (day === tomorrow) return `${words.tomorrow} ${words.at} ${time}`;
  }
  return `${WEEKDAYS[language][date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[language][date.getUTCMonth()]}, ${time}`;
}

/** "today", "tomorrow" or "Sat 28 Nov" for an ISO date (YYYY-MM-DD). */
export function dayLabel(isoDate: string, language: Language, today?: string): string {
  const date = new Date(`${isoDate}T00:00:00.000Z`);
  if (today) {
    const tomorrow = dayAfter(today);
    if (isoDate === today) return RELATIVE[language].today;
    if (isoDate === tomorrow) return RELATIVE[language].tomorrow;
  }
  return `${WEEKDAYS[language][date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[language][date.getUTCMonth()]}`;
}

const SYMBOLS: Record<string, string> = {
  USD: '$',
  EUR: '€',
  BRL: 'R$',
  GBP: '£',
  MXN: '$',
  COP: '$',
  ARS: '$',
};

/** Built once: `toLocaleString` with options builds a new Intl formatter on every call (seen in profiles). */
const TWO_DECIMALS = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
const MONEY_FIGURE: Record<Language, Intl.NumberFormat> = {
  en: new Intl.NumberFormat('en-US', TWO_DECIMALS),
  es: new Intl.NumberFormat('es-ES', { ...TWO_DECIMALS, useGrouping: 'always' }),
  pt_br: new Intl.NumberFormat('pt-BR', TWO_DECIMALS),
};

/**
 * "$1,250.00", "R$50.00", "1,000.00 PEN"; with a language, its separators ("$1.250,00" in es and
 * pt_br), as the web page's slip prints them.
 */
export function money(amount: number, currency = 'USD', language: Language = 'en'): string {
  const figure = MONEY_FIGURE[language].format(amount);
  const symbol = SYMBOLS[currency.toUpperCase()];
  return symbol ? `${symbol}${figure}` : `${figure} ${currency.toUpperCase()}`;
}

/** Decimal odds with two decimals, as sportsbooks print them ("1,85" in es and pt_br when asked). */
export function odd(value: number, language: Language = 'en'): string {
  return decimalsFor(value.toFixed(2), language);
}

/** A computed odd (a parlay's product) exactly as the maths gave it: 3.885 stays 3.885, 4.2 → 4.20. */
export function exactOdd(value: number, language: Language = 'en'): string {
  const exact = String(Number(value.toFixed(4)));
  const decimals = exact.split('.')[1]?.length ?? 0;
  return decimalsFor(decimals >= 2 ? exact : value.toFixed(2), language);
}

/** "54.1%", "54,1%" in es and pt_br. */
export function pct(value: number, language: Language = 'en'): string {
  return `${decimalsFor(value.toFixed(1), language)}%`;
}

/** A plain decimal as the language writes it: the point becomes a comma in es and pt_br. */
function decimalsFor(text: string, language: Language): string {
  return language === 'en' ? text : text.replace('.', ',');
}

/** "a, b and c" in the user's language. */
export function joinList(items: string[], language: Language): string {
  if (items.length <= 1) return items.join('');
  const and = language === 'en' ? 'and' : language === 'es' ? 'y' : 'e';
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
