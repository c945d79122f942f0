import { foldAccents } from '../common/text';

/**
 * Stakes people type: "$50", "50 bucks", "20 dólares", "R$ 30", "€10", "1k", "5 mil", "3 grand",
 * "fifty", "veinte", "cinquenta", "a tenner", "un millón de dólares". A bare number only counts
 * when the sentence puts it in a stake's place ("50 on Arsenal", "bet 20", "bota 20 nele", "…, 30"
 * after talk of a bet); lines ("over 2.5"), margins ("by more than 10"), handicaps ("-1"),
 * scores ("2x1", "2 a 1"), times, dates and counts ("3-leg") are not stakes.
 */

const CURRENCY_WORDS =
  'dollars?|dolares?|dolar|bucks?|usd|euros?|eur|pounds?|quid|gbp|reais|reales|real|brl|pesos?|pesitos?|mxn|ars|pavos|contos|pila|plata|grana|conto';
const NUMBER = String.raw`\d+(?:[.,]\d+)*`;
/**
 * Words that multiply the figure before them: "5 mil", "2.5k", "3 grand", "2 millones", "5 milhões",
 * "2 lucas" (a luca is a thousand pesos in Argentine, Chilean and Colombian slang).
 */
const MULTIPLIER = 'k|thousand|grand|millions?|millones|millon|milhoes|milhao|mil|lucas|luca';
/** A currency word right after an amount in words ("fifty bucks", "un millón de dólares"). */
const CURRENCY_NEXT = new RegExp(String.raw`^\s?(?:de\s)?(?:${CURRENCY_WORDS})\b`);
/** "Mil" before English is a million ("5 mil on City"); in Spanish and Portuguese it is a thousand. */
const MIL_AS_MILLION = /^\s*(?:on|bucks|dollars|quid|pounds)\b/;

const PREFIXED = new RegExp(String.raw`(?:r\$|us\$|\$|€|£)\s?(${NUMBER})(?:\s?(${MULTIPLIER}))?\b`, 'g');
const SUFFIXED = new RegExp(
  String.raw`\b(${NUMBER})(?:\s?(${MULTIPLIER})(?:\s?de)?)?\s?(?:${CURRENCY_WORDS}|€|\$)(?![a-z])`,
  'g',
);
const BARE = new RegExp(String.raw`(?<![\d.,:/+x-])(${NUMBER})(?:\s?(${MULTIPLIER})(?![a-z]))?(?![\d:/%]|[.,]\d)`, 'g');

// Verbs (and a colon) before a bare number that make it a stake: they do so even for one that looks like a year.
const STAKE_VERBS =
  'bet|bets|betting|stake|staking|wager|put|putting|risk|stick|chuck|lump|simulate|simulation|payout|parlay|' +
  'apuesta|apuestas|apuesto|apostar|pongo|poner|pon|ponle|ponme|poneme|ponele|meto|mete|metele|meteme|juegale|jugale|coloco|simula|simular|' +
  'aposta|apostas|aposto|apostando|colocar|coloca|bota|botar|poe|manda';
const STAKE_VERB_BEFORE = new RegExp(String.raw`(?:\b(?:${STAKE_VERBS})\b|:)[\s,]*$`);
// Words before a bare number that make it a stake.
const STAKE_BEFORE = new RegExp(String.raw`(?:\b(?:${STAKE_VERBS}|with|for|on|con|com|de|por)\b|:)[\s,]*$`);
// Words right after a bare number that make it a stake.
const STAKE_AFTER =
  /^\s*(?:on|en|al|no|na|pro|pra|pelo|pela|nele|nela|neles|nelas|nisso|nessa|nesse|would|pay|pays|paga|pagaria|down|stake|bet|(?:a|to)(?!\s*\d))\b/;
/** What before a year-looking number says it is the year: "since 2000 on the road", "de 2024 no Brasileirão". */
const YEAR_PLACE_BEFORE = /\b(?:in|en|em|since|desde|de|del|do|da|of|for|from|until|hasta|ate|season|temporada|year|ano)\s*$/;
const YEAR = /^(?:19|20)\d\d$/;
/**
 * Before a stake in words that a change names: "cámbialo a veinte", "que sean quince", "make it
 * forty", "passa pra trinta". Figures there are the slip reader's; only words need this, and only
 * after a change verb, so "a las tres" and "cuatro a tres" stay a time and a score.
 */
const CHANGE_TO_BEFORE =
  /(?:\b(?:sean|sea|make it|make that)|\b(?:cambi[a-z]*|sub[a-z]*|baj[a-z]*|pon[a-z]*|dej[a-z]*|change|bump|raise|up|lower|switch|move|put|take|mud[a-z]*|troc[a-z]*|pass[a-z]*|sobe|baixa|aument[a-z]*|diminu[a-z]*|deixa|poe|coloca|bota)(?: (?:it|that|the stake|la apuesta|a aposta|o valor))?(?: up| down)? (?:a|to|para|pra|pro|em|en))\s*$/;
// Units that make a number something other than money (whole words: "40 then" is not "40th").
const NOT_MONEY_AFTER =
  /^\s*(?:-\s*)?(?:goals?|goles|gols|legs?|pernas?|patas|selecciones|selecoes|min|mins|minutes?|minutos?|h|hrs?|hours?|horas?|pm|am|days?|dias|weeks?|semanas?|months?|meses|points?|pts|puntos|pontos|times|veces|vezes|th|st|nd|rd|x\b|%|o'?clock|teams?|equipos|times|games|partidos|jogos|matches|picks|leg|fold|way|corners?|cards?|tarjetas|cartoes|players|jugadores|jogadores|years?|anos|seasons?|tips|dicas|palpites|options|opciones|opcoes|sugerencias|sugestoes)(?![a-z])/;
// Before a number that is a line, a margin ("by more than 10"), a time ("a las 3", "às 3") or a place.
const NOT_MONEY_BEFORE =
  /(?:\b(?:over|under|mas de|mais de|menos de|more than|less than|fewer than|at least|by|handicap|top|line|at|odds of|odd de|cuota de|minute|minuto|round|jornada|rodada|week|semana|the|last|ultimos|ultimas|past|de los|dos|las|as|das)|[+-])\s*$/;
/**
 * A digit joined to another: "2x1", "3-1", "2 a 1", "1 to 0" are scores, never stakes. Only
 * single digits: "from 20 to 30" and "de 20 a 30" are a change of stake.
 */
const SCORE_NEXT = /^\s*(?:x|-|a|to|vs?|:)\s*\d(?![\d.,])/;
const SCORE_PREVIOUS = /(?<![\d.,])\d\s*(?:x|-|a|to|vs?|:)\s*$/;
/** "From 20 to 30", "de 20 a 30", "de 20 pra 30": the first is the stake left behind, the second the stake. */
const FROM_BEFORE = /\b(?:from|de|desde|do|da)\s*$/;
const TO_NEXT = /^\s*(?:to|a|pra|para|pro)\s*\d/;
const FROM_TO_BEFORE = /\b(?:from|de|desde|do|da)\s+\d+(?:[.,]\d+)?\s*(?:to|a|pra|para|pro)\s*$/;
/**
 * How far back the words before a number are read: every pattern above ends at the number, and a
 * pattern anchored at the end still tries every position of what it is given, so a long message
 * of many numbers would cost the square of its length.
 */
const BEFORE_REACH = 48;
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
/** Words that multiply what is before them: "two hundred", "cinco mil", "un millón", "dois milhões". */
const SCALES = new Map<string, number>([
  ['hundred', 100],
  ['thousand', 1000],
  ['mil', 1000],
  ['million', 1e6],
  ['millions', 1e6],
  ['millon', 1e6],
  ['millones', 1e6],
  ['milhao', 1e6],
  ['milhoes', 1e6],
]);
/** Slang for sums of money, which multiply a count before them too ("two tenners", "three grand"). */
const MONEY_NOUNS = new Map<string, number>([
  ['tenner', 10],
  ['tenners', 10],
  ['fiver', 5],
  ['fivers', 5],
  ['pony', 25],
  ['ponies', 25],
  ['grand', 1000],
  ['luca', 1000],
  ['lucas', 1000],
  ['score', 20],
  ['monkey', 500],
]);
/** Money only when counted: "a grand", "two grand" are; "the grand final" is not. */
const COUNTED_ONLY = new Set(['grand', 'score', 'monkey', 'luca', 'lucas']);
/** …and only after a stake verb: "stick a score on Leeds" is money, "a score on the board" is not. */
const STAKE_VERB_ONLY = new Set(['score', 'monkey']);
// "veinticinco", "veintidos"…
const VEINTI = /^veinti(uno|un|dos|tres|cuatro|cinco|seis|siete|ocho|nueve)$/;
/**
 * Some number word as a whole word ([a-z] run): without one, spelledAmounts finds no run, and a
 * message (most have none) is spared its walk over every word. "Score" is everywhere in sports
 * talk and only money as "a score", so only that wakes the walk.
 */
const MAY_HOLD_A_NUMBER_WORD = new RegExp(
  `(?<![a-z])(?:${[
    ...UNITS.keys(),
    ...TENS.keys(),
    ...HUNDREDS.keys(),
    ...SCALES.keys(),
    ...[...MONEY_NOUNS.keys()].filter((word) => !STAKE_VERB_ONLY.has(word)),
    ...[...STAKE_VERB_ONLY].map((word) => `a ${word}`),
    VEINTI.source.slice(1, -1),
  ].join('|')})(?![a-z])`,
);
// Small numbers are words too ("which one", "los dos equipos"): alone they need a currency word.
const SMALL_WORD_LIMIT = 2;
/** Between the two numbers of a score in words ("dos a uno", "dois x um", "three to one"). */
const SCORE_JOIN = /^\s*(?:x|-|a|to|vs?|:)\s*$/;
const GOALS_LIMIT = 9;
/** Between two number words of one amount: a space or hyphen, or "e"/"y"/"and" ("vinte e cinco", "ciento y veinte"). */
const RUN_GAP = /^[\s-]*(?:(?:e|y|and)\s+)?$/;
/**
 * What a reply that is nothing but a stake in words may carry around it ("quarenta", "forty
 * then", "veinte nomás", "uns vinte reais"): the answer to "how much do you want to stake?".
 */
const STAKE_REPLY_FILLERS = new RegExp(
  String.raw`^[\s,.!?$€£]*(?:(?:${CURRENCY_WORDS}|a|an|then|ok|okay|just|only|like|about|around|please|pls|nomas|no mas|solo|pues|bueno|entonces|unos|unas|de|entao|uns|umas|so|tipo|r)(?![a-z])[\s,.!?$€£]*)*$`,
);

/** An amount in words: where it is, what it is worth, and whether its own word is money ("a tenner"). */
interface SpeltAmount {
  start: number;
  end: number;
  value: number;
  /** Ends with a slang word for money ("a fiver", "two grand"). */
  money: boolean;
  /** …one that is money only after a stake verb ("a score"). */
  stakeVerbOnly: boolean;
  /** Ends with "mil", which English makes a million. */
  mil: boolean;
}

export class AmountExtractor {
  extract(text: string): number[] {
    const folded = foldAccents(text);
    const found: Array<{ at: number; value: number }> = [];
    const claimed: Array<[number, number]> = [];
    const claim = (start: number, end: number) => claimed.push([start, end]);
    const isClaimed = (start: number, end = start + 1) => claimed.some(([s, e]) => start < e && s < end);

    // Amounts in figures need a figure: most messages have none and skip the three scans.
    const figures = /\d/.test(folded);
    for (const m of figures ? folded.matchAll(PREFIXED) : []) {
      const end = m.index + m[0].length;
      found.push({ at: m.index, value: toNumber(m[1], m[2], folded.slice(end)) });
      claim(m.index, end);
    }
    for (const m of figures ? folded.matchAll(SUFFIXED) : []) {
      if (isClaimed(m.index)) continue;
      const end = m.index + m[0].length;
      found.push({ at: m.index, value: toNumber(m[1], m[2], folded.slice(end)) });
      claim(m.index, end);
    }
    // Asked only of a bare number at the end of the message, so only read then, once.
    let betTalk: boolean | undefined;
    for (const m of figures ? folded.matchAll(BARE) : []) {
      if (isClaimed(m.index)) continue;
      const end = m.index + m[0].length;
      const scaled = m[2] !== undefined;
      // "5 mil" is one amount: its "mil" is no number word of its own, whatever is made of the figure.
      if (scaled) claim(m.index, end);
      const before = folded.slice(Math.max(0, m.index - BEFORE_REACH), m.index);
      const after = folded.slice(end);
      if (NOT_MONEY_AFTER.test(after) || NOT_MONEY_BEFORE.test(before)) continue;
      if (m[0].length === 1 && (SCORE_NEXT.test(after) || SCORE_PREVIOUS.test(before))) continue;
      const goalLine = !scaled && /[.,]5$/.test(m[1]);
      const price = /^\d{1,2}[.,]\d{2}$/.test(m[1]) && /\b(?:odds?|cuota|at)\b/.test(before);
      if (goalLine || price) continue;
      if (FROM_BEFORE.test(before) && TO_NEXT.test(after)) continue;
      const placed = STAKE_AFTER.test(after) || STAKE_BEFORE.test(before) || FROM_TO_BEFORE.test(before);
      // A year ("best team in 2024", "world cup 2026") unless a stake verb, or "on"/"al" after it
      // with no "in"/"since" before, puts it in a stake's place ("2000 on Arsenal").
      if (!scaled && YEAR.test(m[1])) {
        const yearStake = STAKE_VERB_BEFORE.test(before) || (STAKE_AFTER.test(after) && !YEAR_PLACE_BEFORE.test(before));
        if (!yearStake) continue;
      }
      const atEnd = /^\s*[?!.]*\s*$/.test(after);
      // A figure with a multiplier ("make it 2k") is an amount at the end of a message without talk of a bet.
      if (placed || (atEnd && (scaled || (betTalk ??= BET_TALK.test(folded))))) {
        found.push({ at: m.index, value: toNumber(m[1], m[2], after) });
      }
    }
    const spelt = MAY_HOLD_A_NUMBER_WORD.test(folded) ? spelledAmounts(folded) : [];
    for (let i = 0; i < spelt.length; i++) {
      const amount = spelt[i];
      const { start, end } = amount;
      if (isClaimed(start, end)) continue;
      if (inScore(folded, spelt, i)) continue;
      const before = folded.slice(Math.max(0, start - BEFORE_REACH), start);
      const after = folded.slice(end);
      const value = amount.mil && MIL_AS_MILLION.test(after) ? amount.value * 1000 : amount.value;
      const money = amount.money && (!amount.stakeVerbOnly || STAKE_VERB_BEFORE.test(before));
      if (amount.stakeVerbOnly && !money) continue;
      const withCurrency = money || CURRENCY_NEXT.test(after);
      const stakeLike = () =>
        STAKE_AFTER.test(after) ||
        STAKE_BEFORE.test(before) ||
        CHANGE_TO_BEFORE.test(before) ||
        (spelt.length === 1 && isWholeReply(folded, amount));
      if (withCurrency || (value > SMALL_WORD_LIMIT && !NOT_MONEY_AFTER.test(after) && stakeLike())) {
        found.push({ at: start, value });
        claim(start, end);
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

/** "tres a uno", "dois x um": two small numbers in words joined as a score. */
function inScore(folded: string, spelt: SpeltAmount[], i: number): boolean {
  const joined = (a: SpeltAmount, b: SpeltAmount) =>
    a.value <= GOALS_LIMIT && b.value <= GOALS_LIMIT && SCORE_JOIN.test(folded.slice(a.end, b.start));
  return (i > 0 && joined(spelt[i - 1], spelt[i])) || (i + 1 < spelt.length && joined(spelt[i], spelt[i + 1]));
}

function isWholeReply(folded: string, amount: SpeltAmount): boolean {
  return STAKE_REPLY_FILLERS.test(folded.slice(0, amount.start)) && STAKE_REPLY_FILLERS.test(folded.slice(amount.end));
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

/** "1,000" / "1.000" are thousands; "2,50" / "2.5" are decimals; "2.5k", "5 mil", "3 grand" multiply. */
function toNumber(digits: string, multiplier: string | undefined, after: string): number {
  let value: number;
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(digits)) value = Number(digits.replace(/[.,]/g, ''));
  else value = Number(digits.replace(',', '.'));
  if (multiplier === undefined) return value;
  const scale = multiplier === 'mil' && MIL_AS_MILLION.test(after) ? 1e6 : (SCALES.get(multiplier) ?? 1000);
  // 2.01 × 1000 is 2009.9999999999998 in floating point.
  return Math.round(value * scale * 100) / 100;
}

/**
 * Amounts in words with their offsets: "twenty five", "vinte e cinco", "cien", "dos mil
 * quinientos", "a hundred", "un millón", "a tenner", "three grand". A scale word multiplies
 * what is before it ("hundred" the last part, "mil"/"million" all of it); "a"/"an" counts one of
 * a scale or money word after it, "half a" half of one ("half a grand").
 */
function spelledAmounts(folded: string): SpeltAmount[] {
  const amounts: SpeltAmount[] = [];
  let start = -1;
  let end = -1;
  let total = 0;
  let current = 0;
  let lastEnd = -1;
  let article = -1;
  let counts = 1;
  let half = -1;
  let mil = false;
  const close = (noun?: string) => {
    if (start >= 0) {
      const stakeVerbOnly = noun !== undefined && STAKE_VERB_ONLY.has(noun);
      amounts.push({ start, end, value: total + current, money: noun !== undefined, stakeVerbOnly, mil });
    }
    start = -1;
    total = 0;
    current = 0;
  };
  for (const m of folded.matchAll(/[a-z]+/g)) {
    const word = m[0];
    const noun = MONEY_NOUNS.get(word);
    const scale = noun === undefined ? SCALES.get(word) : undefined;
    const value = noun === undefined && scale === undefined ? wordValue(word) : undefined;
    if (noun === undefined && scale === undefined && value === undefined) {
      // "vinte e cinco", "ciento y veinte": a conjunction between two number words keeps the run going.
      if (start >= 0 && (word === 'e' || word === 'y' || word === 'and')) continue;
      close();
      article = -1;
      if (word === 'a' || word === 'an') {
        const halfOf = half >= 0 && /^\s+$/.test(folded.slice(lastEnd, m.index));
        article = halfOf ? half : m.index;
        counts = halfOf ? 0.5 : 1;
      }
      half = word === 'half' ? m.index : -1;
      lastEnd = m.index + word.length;
      continue;
    }
    if (start >= 0 && !RUN_GAP.test(folded.slice(lastEnd, m.index))) close();
    if (start < 0) {
      const counted = value === undefined && article >= 0 && /^\s+$/.test(folded.slice(lastEnd, m.index));
      if (counted) {
        start = article;
        current = counts;
      } else if (noun !== undefined && COUNTED_ONLY.has(word)) {
        article = -1;
        lastEnd = m.index + word.length;
        continue;
      } else start = m.index;
    }
    article = -1;
    half = -1;
    end = lastEnd = m.index + word.length;
    mil = word === 'mil';
    if (noun !== undefined) {
      total += (current || 1) * noun;
      current = 0;
      close(word);
    } else if (scale !== undefined && scale >= 1000) {
      total += (current || 1) * scale;
      current = 0;
    } else if (scale !== undefined) current = (current || 1) * scale;
    else current += value ?? 0;
  }
  close();
  return amounts;
}

function wordValue(word: string): number | undefined {
  // Maps, not object literals: "constructor" or "toString" typed in a message is not a number.
  const value = UNITS.get(word) ?? TENS.get(word) ?? HUNDREDS.get(word) ?? SCALES.get(word);
  if (value !== undefined || !word.startsWith('veinti')) return value;
  const veinti = VEINTI.exec(word);
  return veinti ? 20 + (UNITS.get(veinti[1]) ?? 0) : undefined;
}
