/**
 * Checks that an answer invents no numbers: every price or amount it prints must appear in that
 * turn's tool results or in the user's own message. "Price or amount" means a number with
 * decimals (odds, lines, percentages like 54.1%) or a number attached to a currency ($100,
 * R$ 50, 100 USD). Plain integers (dates, times, counts) are not checked.
 */
export interface GroundednessReport {
  grounded: boolean;
  /** The answer's figures that no source backs, as written. */
  ungrounded: string[];
}

const CURRENCY = String.raw`(?:R\$|US\$|\$|€|£)`;
const CODES = String.raw`(?:USD|EUR|BRL|GBP|MXN|COP|ARS|dollars?|d[oó]lares|reais|euros?|pesos)`;
// A figure: digits with thousands points and decimal comma ("1.250,50", as es and pt_br write
// money), or with optional thousands commas and optional decimals.
const FIGURE = String.raw`\d{1,3}(?:\.\d{3})+,\d+|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?`;
const AMOUNT = new RegExp(
  String.raw`${CURRENCY}\s?(${FIGURE})|(${FIGURE})\s?(?:${CURRENCY}|${CODES})\b|(?<![\w.,:/-])(\d+[.,]\d+)(?![\w:/]|[.,]\d)`,
  'gi',
);
const ANY_NUMBER = /-?\d+(?:\.\d+)?/g;

/** Parses "1,234.50", "1.234,50", "1.90", "2,5" (decimal comma) into a number. */
function toNumber(raw: string): number {
  if (/^\d{1,3}(?:\.\d{3})+,\d+$/.test(raw)) return Number(raw.replace(/\./g, '').replace(',', '.'));
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(raw)) return Number(raw.replace(/,/g, ''));
  return Number(raw.replace(',', '.'));
}

/** Every number a source mentions: JSON values and numbers inside its strings. */
function sourceNumbers(sources: string[]): number[] {
  const numbers: number[] = [];
  for (const source of sources) {
    for (const match of source.matchAll(ANY_NUMBER)) numbers.push(Number(match[0]));
    for (const match of source.matchAll(/\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d+/g))
      numbers.push(toNumber(match[0]));
  }
  return numbers;
}

/** The figures an answer states, as written and as numbers. */
export function extractFigures(answer: string): Array<{ text: string; value: number }> {
  const figures: Array<{ text: string; value: number }> = [];
  for (const match of answer.matchAll(AMOUNT)) {
    const raw = match[1] ?? match[2] ?? match[3];
    if (!raw) continue;
    figures.push({ text: match[0].trim(), value: toNumber(raw) });
  }
  return figures;
}

export function isGrounded(answer: string, toolResults: string[], userMessage: string): GroundednessReport {
  const known = sourceNumbers([...toolResults, userMessage]);
  const ungrounded = extractFigures(answer)
    .filter(
      ({ value }) => !known.some((k) => Math.abs(k - value) < 0.005 || Math.abs(Math.abs(k) - value) < 0.005),
    )
    .map(({ text }) => text);
  return { grounded: ungrounded.length === 0, ungrounded: [...new Set(ungrounded)] };
}
