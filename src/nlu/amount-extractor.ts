import { foldAccents } from '../common/text';

/**
 * Stakes people type: "$50", "50 bucks", "20 dólares", "R$ 30", "€10", "1k", "fifty",
 * "veinte", "cinquenta". A bare number only counts when the sentence puts it in a stake's
 * place ("50 on Arsenal", "bet 20", "…, 30" after talk of a bet); lines ("over 2.5"),
 * handicaps ("-1"), times, dates and counts ("3-leg") are not stakes.
 */

const CURRENCY_WORDS =
  'dollars?|dolares?|dolar|bucks?|usd|euros?|eur|pounds?|quid|gbp|reais|reales|real|brl|pesos?|mxn|ars|pavos|lucas|contos|pila|plata|grana|conto';
const NUMBER = String.raw`\d+(?:[.,]\d+)*`;
/** A currency word right after an amount in words ("fifty bucks"). */
const CURRENCY_NEXT = new RegExp(String.raw`^\s?(?:${CURRENCY_WORDS})\b`);

const PREFIXED = new RegExp(String.raw`(?:r\$|us\$|\$|€|£)\s?(${NUMBER})\s?(k|mil)?\b`, 'g');
const SUFFIXED = new RegExp(String.raw`\b(${NUMBER})\s?(k|mil)?\s?(?:${CURRENCY_WORDS}|€|\$)(?![a-z])`, 'g');
const BARE = new RegExp(String.raw`(?<![\d.,:/+x-])(${NUMBER})(k)?(?![\d:/%]|[.,]\d)`, 'g');

// Words before a bare number that make it a stake.
const STAKE_BEFORE =
  /(?:\b(?:bet|bets|betting|stake|staking|wager|put|putting|risk|simulate|simulation|with|for|on|apuesta|apuestas|apuesto|apostar|aposta|apostas|aposto|apostando|pongo|poner|meto|coloco|colocar|simula|simular|con|com|de|por|payout|parlay)\b|:)[\s,]*$/;
// Words right after a bare number that make it a stake.
const STAKE_AFTER =
  /^\s*(?:on|en|al|no|na|pro|pra|pelo|pela|would|pay|pays|paga|pagaria|down|stake|bet|(?:a|to)(?!\s*\d))\b/;
// Units that make a number something other than money.
const NOT_MONEY_AFTER =
  /^\s*(?:-\s*)?(?:goals?|goles|gols|legs?|pernas?|patas|selecciones|selecoes|min|mins|minutes?|minutos?|h|hrs?|hours?|horas?|pm|am|days?|dias|weeks?|semanas?|months?|meses|points?|pts|puntos|pontos|times|veces|vezes|th|st|nd|rd|x\b|%|o'?clock|teams?|equipos|times|games|partidos|jogos|matches|picks|leg|fold|way|corners?|cards?|tarjetas|cartoes|players|jugadores|jogadores|years?|anos|anos|seasons?)/;
const NOT_MONEY_BEFORE =
  /(?:\b(?:over|under|mas de|mais de|menos de|handicap|top|line|at|odds of|odd de|cuota de|minute|minuto|round|jornada|rodada|week|semana|the|last|ultimos|ultimas|ultimos|past|de los|dos)|[+-])\s*$/;
const BET_TALK =
  /\b(bet|bets|stake|wager|parlay|accumulator|acca|simulate|simulation|sim|pay|pays|payout|return|win|apuesta|apostar|aposta|apostar|simula|paga|pagaria|ganho|ganancia|dummy|pretend|test)\b/;

const UNITS = new Map<string, number>([
  ['zero', 0],
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
  ['eleven', 11],
  ['twelve', 12],
  ['thirteen', 13],
  ['fourteen', 14],
  ['fifteen', 15],
  ['sixteen', 16],
  ['seventeen', 17],
  ['eighteen', 18],
  ['nineteen', 19],
  ['uno', 1],
  ['un', 1],
  ['una', 1],
  ['dos', 2],
  ['tres', 3],
  ['cuatro', 4],
  ['cinco', 5],
  ['seis', 6],
  ['siete', 7],
  ['ocho', 8],
  ['nueve', 9],
  ['diez', 10],
  ['once', 11],
  ['doce', 12],
  ['trece', 13],
  ['catorce', 14],
  ['quince', 15],
  ['dieciseis', 16],
  ['diecisiete', 17],
  ['dieciocho', 18],
  ['diecinueve', 19],
  ['um', 1],
  ['uma', 1],
  ['dois', 2],
  ['duas', 2],
  ['quatro', 4],
  ['sete', 7],
  ['oito', 8],
  ['nove', 9],
  ['dez', 10],
  ['onze', 11],
  ['doze', 12],
  ['treze', 13],
  ['quatorze', 14],
  ['catorze', 14],
  ['quinze', 15],
  ['dezesseis', 16],
  ['dezessete', 17],
  ['dezoito', 18],
  ['dezenove', 19],
]);
const TENS = new Map<string, number>([
  ['twenty', 20],
  ['thirty', 30],
  ['forty', 40],
  ['fifty', 50],
  ['sixty', 60],
  ['seventy', 70],
  ['eighty', 80],
  ['ninety', 90],
  ['veinte', 20],
  ['treinta', 30],
  ['cuarenta', 40],
  ['cincuenta', 50],
  ['sesenta', 60],
  ['setenta', 70],
  ['ochenta', 80],
  ['noventa', 90],
  ['vinte', 20],
  ['trinta', 30],
  ['quarenta', 40],
  ['cinquenta', 50],
  ['sessenta', 60],
  ['oitenta', 80],
]);
const HUNDREDS = new Map<string, number>([
  ['hundred', 100],
  ['cien', 100],
  ['ciento', 100],
  ['cem', 100],
  ['cento', 100],
  ['doscientos', 200],
  ['trescientos', 300],
  ['quinientos', 500],
  ['duzentos', 200],
  ['trezentos', 300],
  ['quinhentos', 500],
]);
// "veinticinco", "veintidos"…
const VEINTI = /^veinti(uno|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)$/;
/**
 * Some number word as a whole word ([a-z] run): without one, numberWords finds no run, and a
 * message (most have none) is spared its walk over every word.
 */
const MAY_HOLD_A_NUMBER_WORD = new RegExp(
  `(?<![a-z])(?:${[...UNITS.keys(), ...TENS.keys(), ...HUNDREDS.keys(), 'tres', 'mil', 'thousand', VEINTI.source.slice(1, -1)].join('|')})(?![a-z])`,
);
// Small numbers are words too ("which one", "los dos equipos"): alone they need a currency word.
const SMALL_WORD_LIMIT = 2;

export class AmountExtractor {
  extract(text: string): number[] {
    const folded = foldAccents(text);
    const found: Array<{ at: number; value: number }> = [];
    const claimed: Array<[number, number]> = [];
    const claim = (start: number, end: number) => claimed.push([start, end]);
    const isClaimed = (at: number) => claimed.some(([s, e]) => at >= s && at < e);

    // Amounts in figures need a figure: most messages have none and skip the three scans.
    const figures = /\d/.test(folded);
    for (const m of figures ? folded.matchAll(PREFIXED) : []) {
      found.push({ at: m.index, value: toNumber(m[1], m[2]) });
      claim(m.index, m.index + m[0].length);
    }
    for (const m of figures ? folded.matchAll(SUFFIXED) : []) {
      if (isClaimed(m.index)) continue;
      found.push({ at: m.index, value: toNumber(m[1], m[2]) });
      claim(m.index, m.index + m[0].length);
    }
    for (const words of MAY_HOLD_A_NUMBER_WORD.test(folded) ? numberWords(folded) : []) {
      if (words.some(([s]) => isClaimed(s))) continue;
      const start = words[0][0];
      const end = words[words.length - 1][1];
      const value = words.reduce((v, [, , n]) => v + n, 0);
      const after = folded.slice(end);
      const withCurrency = CURRENCY_NEXT.test(after);
      const stakeLike = STAKE_AFTER.test(after) || STAKE_BEFORE.test(folded.slice(0, start));
      if (withCurrency || (value > SMALL_WORD_LIMIT && stakeLike && !NOT_MONEY_AFTER.test(after))) {
        found.push({ at: start, value });
        claim(start, end);
      }
    }
    // Asked only of a bare number at the end of the message, so only read then, once.
    let betTalk: boolean | undefined;
    for (const m of figures ? folded.matchAll(BARE) : []) {
      if (isClaimed(m.index)) continue;
      const before = folded.slice(0, m.index);
      const after = folded.slice(m.index + m[0].length);
      if (NOT_MONEY_AFTER.test(after) || NOT_MONEY_BEFORE.test(before)) continue;
      const goalLine = !m[2] && /[.,]5$/.test(m[1]);
      const price = /^\d{1,2}[.,]\d{2}$/.test(m[1]) && /\b(?:odds?|cuota|at)\b/.test(before);
      if (goalLine || price) continue;
      if (/^(?:19|20)\d\d$/.test(m[1])) continue; // a year
      const atEnd = /^\s*[?!.]*\s*$/.test(after);
      if (STAKE_AFTER.test(after) || STAKE_BEFORE.test(before) || (atEnd && (betTalk ??= BET_TALK.test(folded)))) {
        found.push({ at: m.index, value: toNumber(m[1], m[2]) });
      }
    }
    if (found.length === 0) return [];
    const values = found
      .sort((a, b) => a.at - b.at)
      .map((f) => f.value)
      .filter((v) => v > 0 && Number.isFinite(v));
    return [...new Set(values)];
  }
}

/**
 * A minus sign spelt out before an amount written in words ("minus twenty", "menos cinco"):
 * `extract` reads only the amount, so without this a negative stake would pass as a positive
 * one. "Al menos", "pelo menos", "por lo menos" ("at least") are not a sign; digits after a sign
 * are the slip reader's own pattern.
 */
const SIGN_WORD = /(?<!\b(?:al|ao|pelo|por lo|a lo|at) )\b(?:minus|menos|negative|negativ[oa])\s+([a-z]+)/g;

export function hasSpeltNegativeAmount(folded: string): boolean {
  for (const m of folded.matchAll(SIGN_WORD)) if (wordValue(m[1]) !== undefined) return true;
  return false;
}

/** "1,000" / "1.000" are thousands; "2,50" / "2.5" are decimals. */
function toNumber(digits: string, multiplier?: string): number {
  let value: number;
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(digits)) value = Number(digits.replace(/[.,]/g, ''));
  else value = Number(digits.replace(',', '.'));
  if (multiplier === 'k' || multiplier === 'mil') value *= 1000;
  return value;
}

/** Runs of number words with their offsets: "twenty five", "vinte e cinco", "cien". */
function numberWords(folded: string): Array<Array<[number, number, number]>> {
  const runs: Array<Array<[number, number, number]>> = [];
  let run: Array<[number, number, number]> = [];
  let lastEnd = -1;
  for (const m of folded.matchAll(/[a-z]+/g)) {
    const word = m[0];
    const value = wordValue(word);
    if (value === undefined) {
      // "vinte e cinco", "ciento y veinte": a conjunction between two number words keeps the run going.
      if ((word === 'e' || word === 'y' || word === 'and') && run.length > 0) continue;
      if (run.length) runs.push(run);
      run = [];
      lastEnd = m.index + word.length;
      continue;
    }
    if (run.length > 0 && !/^[\s-]*(?:(?:e|y|and)\s+)?$/.test(folded.slice(lastEnd, m.index))) {
      runs.push(run);
      run = [];
    }
    run.push([m.index, m.index + word.length, value]);
    lastEnd = m.index + word.length;
  }
  if (run.length) runs.push(run);
  // "a hundred" → 100; "two hundred" → 200; "mil" multiplies what is before it.
  return runs.map((r) => {
    const out: Array<[number, number, number]> = [];
    for (const [s, e, v] of r) {
      const prev = out[out.length - 1];
      if ((v === 100 || v === 1000) && prev && prev[2] < v) out[out.length - 1] = [prev[0], e, prev[2] * v];
      else out.push([s, e, v]);
    }
    return out;
  });
}

function wordValue(word: string): number | undefined {
  if (word === 'tres') return 3;
  if (word === 'mil' || word === 'thousand') return 1000;
  // Maps, not object literals: "constructor" or "toString" typed in a message is not a number.
  const value = UNITS.get(word) ?? TENS.get(word) ?? HUNDREDS.get(word);
  if (value !== undefined || !word.startsWith('veinti')) return value;
  const veinti = VEINTI.exec(word);
  return veinti ? 20 + (UNITS.get(veinti[1]) ?? 0) : undefined;
}
