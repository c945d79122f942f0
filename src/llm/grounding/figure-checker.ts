import type { Language } from '../../common/protocol';
import { clauseStarts, type Figure, type FigureKind, readFigures, renderLike } from './figure-reader';
import {
  foldedNames,
  foldKeepingOffsets,
  type FixtureFact,
  marketCue,
  type Mention,
  type SelectionFact,
  type TurnFacts,
} from './turn-facts';

/** A wrong figure and the fact that replaces it, both as the user reads them. */
export interface FigureFix {
  kind: FigureKind;
  start: number;
  end: number;
  wrote: string;
  fact: string;
}

export interface SentenceVerdict {
  fixes: FigureFix[];
  /** Figures no tool result backs and none can replace: the answer falls back. */
  unverifiable: Array<{ kind: FigureKind; wrote: string }>;
}

export interface CheckContext {
  language: Language;
  /** IANA zone an unlabelled kick-off time is read in. */
  zone: string;
}

// A figure binds to a name after it only across a preposition: "4.20 for Chelsea", "$105 on the draw".
const LINK =
  /^\s*(?:for|on|of|de|del|do|da|dos|das|para|pro|pra|por|no|na|nos|nas|em|en|con|com|al|with)\s+(?:the\s+|el\s+|la\s+|los\s+|las\s+|o\s+|a\s+|os\s+|as\s+)?$/;
const MARGIN_CUE = /\b(?:margin|margen|margem|overround|vig|juice)\b/;
const PROFIT_CUE = /\b(?:profit|ganancia|lucro|net)\b/;
const PRICE_TOLERANCE = 0.005 + 1e-6;

/**
 * Checks the figures of one finished sentence against the turn's facts. A price must be the price
 * of the selection named beside it; an amount is a stake, a fact, or stake × the price of the
 * selection it is on; a percentage is that selection's implied probability (1/price) or its
 * market's margin; a time is the kick-off of the match named, on the user's clock (or the zone
 * written after it). A figure bound to no name must appear somewhere in the facts.
 */
export function checkSentence(sentence: string, facts: TurnFacts, ctx: CheckContext): SentenceVerdict {
  const figures = readFigures(sentence, ctx.language);
  if (figures.length === 0) return NO_FINDINGS;
  const scene = new Scene(sentence, figures, facts, ctx);
  const stake = sentenceStake(scene);
  let verdict: SentenceVerdict | undefined;
  for (const figure of figures) {
    const outcome = judge(figure, scene, stake);
    if (outcome === 'ok') continue;
    verdict ??= { fixes: [], unverifiable: [] };
    const wrote = sentence.slice(figure.start, figure.end);
    if (outcome === undefined) {
      verdict.unverifiable.push({ kind: figure.kind, wrote });
      continue;
    }
    const fact = renderLike(figure, outcome, ctx.language);
    // Off by less than the written precision shows: the user reads the fact already.
    if (fact !== wrote)
      verdict.fixes.push({ kind: figure.kind, start: figure.start, end: figure.end, wrote, fact });
  }
  return verdict ?? NO_FINDINGS;
}

/** The verdict of most sentences, shared: nothing to fix. */
const NO_FINDINGS: SentenceVerdict = Object.freeze({
  fixes: Object.freeze([]) as unknown as FigureFix[],
  unverifiable: Object.freeze([]) as unknown as SentenceVerdict['unverifiable'],
});

/**
 * One sentence as the checks read it. Folding, clauses and names are worked out only when a
 * figure needs them: a listing's kick-off times seldom do.
 */
class Scene {
  /** Selections each clause's figures were bound to, for a parenthesis after it ("2.10 (47.6%)"). */
  readonly bound: Array<SelectionFact[] | undefined> = [];
  private clauseStarts?: number[];
  private foldedText?: string;
  private clauseTexts?: string[];
  private found?: Mention[];

  constructor(
    readonly sentence: string,
    readonly figures: Figure[],
    readonly facts: TurnFacts,
    readonly ctx: CheckContext,
  ) {}

  get starts(): number[] {
    return (this.clauseStarts ??= clauseStarts(this.sentence));
  }

  get folded(): string {
    return (this.foldedText ??= foldKeepingOffsets(this.sentence));
  }

  get clauses(): string[] {
    const text = this.folded;
    return (this.clauseTexts ??= this.starts.map((s, i) => text.slice(s, this.starts[i + 1] ?? text.length)));
  }

  get mentions(): Mention[] {
    return (this.found ??= this.facts.mentions(this.folded, (i) => this.clauseAt(i), this.clauses));
  }

  clauseAt(index: number): number {
    let i = 0;
    while (i + 1 < this.starts.length && this.starts[i + 1] <= index) i++;
    return i;
  }
}

/** 'ok', the value the figure should have, or undefined when nothing can replace it. */
function judge(figure: Figure, scene: Scene, stake: number | undefined): 'ok' | number | undefined {
  switch (figure.kind) {
    case 'time':
      return judgeTime(figure, scene);
    case 'price':
      return judgePrice(figure, scene, stake);
    case 'percent':
      return judgePercent(figure, scene);
    case 'amount':
      return judgeAmount(figure, scene, stake);
  }
}

function judgePrice(figure: Figure, scene: Scene, stake: number | undefined): 'ok' | number | undefined {
  const v = figure.value;
  const { facts } = scene;
  // A bare decimal can be money written without a currency ("returns 105.00").
  const asMoney = () =>
    near(v, facts.amounts, 0.005) ||
    near(v, facts.stakes, 0.005) ||
    (stake !== undefined && isPayout(v, stake, allPrices(scene), 0.005));
  const selections = bind(figure, scene);
  if (selections) {
    if (selections.some((s) => within(v, s.price, PRICE_TOLERANCE))) return 'ok';
    if (asMoney()) return 'ok';
    return preferred(selections).price;
  }
  if (near(v, facts.prices, PRICE_TOLERANCE) || near(v, facts.userNumbers, PRICE_TOLERANCE) || asMoney())
    return 'ok';
  // "2.10 × 1.85 = 3.885": a parlay's product of the prices before it.
  const product = productBefore(figure, scene);
  if (product !== undefined) return within(v, product, PRICE_TOLERANCE) ? 'ok' : product;
  return undefined;
}

function judgePercent(figure: Figure, scene: Scene): 'ok' | number | undefined {
  const v = figure.value;
  const tolerance = 0.5 * 10 ** -figure.decimals + 0.001;
  const { facts } = scene;
  const clause = scene.clauses[scene.clauseAt(figure.start)];
  const margin = MARGIN_CUE.test(clause);
  const selections = bind(figure, scene);
  if (selections) {
    if (margin) {
      const margins = selections.map((s) => s.margin).filter((m): m is number => m !== undefined);
      if (margins.length === 0) return near(v, facts.margins, tolerance) ? 'ok' : undefined;
      return near(v, margins, tolerance) ? 'ok' : margins[0];
    }
    if (
      selections.some(
        (s) =>
          within(v, 100 / s.price, tolerance) ||
          (s.shownImplied !== undefined && within(v, s.shownImplied, tolerance)) ||
          (s.margin !== undefined && within(v, s.margin, tolerance)),
      )
    )
      return 'ok';
    return 100 / preferred(selections).price;
  }
  if (v === 0 || v === 100) return 'ok';
  if (margin) {
    if (near(v, facts.margins, tolerance)) return 'ok';
    // "The 1X2 margin": the market the clause names, or the only one there is.
    const margins = facts.marginsOf(marketCue(clause));
    return margins.length === 1 ? margins[0] : undefined;
  }
  const prices = pricesIn(scene);
  if (
    near(v, facts.percents, tolerance) ||
    near(v, facts.userNumbers, tolerance) ||
    prices.some((p) => within(v, 100 / p, tolerance))
  )
    return 'ok';
  return prices.length === 1 ? 100 / prices[0] : undefined;
}

function judgeAmount(figure: Figure, scene: Scene, stake: number | undefined): 'ok' | number | undefined {
  const v = figure.value;
  const tolerance = figure.decimals === 0 ? 0.5 + 1e-6 : 0.005 + 1e-6;
  const { facts } = scene;
  if (near(v, facts.stakes, tolerance) || near(v, facts.userNumbers, tolerance)) return 'ok';
  const profit = PROFIT_CUE.test(scene.clauses[scene.clauseAt(figure.start)]);
  const selections = bind(figure, scene);
  const base = stake ?? onlyStake(facts);
  if (selections && base !== undefined) {
    if (
      selections.some(
        (s) => within(v, base * s.price, tolerance) || within(v, base * s.price - base, tolerance),
      )
    )
      return 'ok';
    // Another known amount (a balance) is fine beside a name, but not another selection's payout.
    const others = facts.tiedAmounts.filter((t) => within(v, t.value, tolerance));
    if (near(v, facts.amounts, tolerance) && others.every((t) => selections.includes(t.selection)))
      return 'ok';
    const price = preferred(selections).price;
    return profit ? base * price - base : base * price;
  }
  if (near(v, facts.amounts, tolerance)) return 'ok';
  const stakes = [
    ...facts.stakes,
    ...facts.userNumbers,
    ...scene.figures.filter((f) => f.kind === 'amount' && f !== figure).map((f) => f.value),
  ];
  const prices = allPrices(scene);
  if (stakes.some((s) => isPayout(v, s, prices, tolerance))) return 'ok';
  const here = pricesIn(scene);
  if (stake !== undefined && here.length === 1) return profit ? stake * here[0] - stake : stake * here[0];
  return undefined;
}

function judgeTime(figure: Figure, scene: Scene): 'ok' | number | undefined {
  const zone = figure.zone ?? scene.ctx.zone;
  const { facts, sentence } = scene;
  // The kick-off of a match whose team the sentence names: what a listing line says.
  for (const f of facts.fixtures) {
    if (facts.kickoffClock(f, zone) !== figure.value) continue;
    if (sentence.includes(f.home) || sentence.includes(f.away)) return 'ok';
    const [home, away] = foldedNames(f);
    if (scene.folded.includes(home) || scene.folded.includes(away)) return 'ok';
  }
  const candidates = matchesNamed(figure, scene);
  if (candidates.some((f) => facts.kickoffClock(f, zone) === figure.value)) return 'ok';
  // "Confirm before 14:05": the slip's expiry, not a kick-off.
  if (facts.isMoment(figure.value, zone)) return 'ok';
  const times = [...new Set(candidates.map((f) => facts.kickoffClock(f, zone)))];
  return times.length === 1 ? times[0] : undefined;
}

/** The fixtures a time may be the kick-off of: those of the teams named in its clause, else in the sentence, else all. */
function matchesNamed(figure: Figure, scene: Scene): FixtureFact[] {
  const clause = scene.clauseAt(figure.start);
  const inClause = scene.mentions.filter((m) => scene.clauseAt(m.start) === clause).flatMap((m) => m.teams);
  const teams = inClause.length > 0 ? inClause : scene.mentions.flatMap((m) => m.teams);
  if (teams.length === 0) return scene.facts.fixtures;
  return [...new Set(teams.flatMap((t) => scene.facts.fixturesOf(t)))];
}

/**
 * The selections a figure is about: the name beside it in its clause (the one before it, or one
 * after it across a preposition), or for a figure in brackets the selection of the clause before
 * ("2.10 (47.6% implied)"). Undefined when the clause names none.
 */
function bind(figure: Figure, scene: Scene): SelectionFact[] | undefined {
  const clause = scene.clauseAt(figure.start);
  const named = scene.mentions.filter((m) => m.selections.length > 0 && scene.clauseAt(m.start) === clause);
  let chosen: Mention | undefined;
  const before = named.filter((m) => m.end <= figure.start).pop();
  const after = named.find((m) => m.start >= figure.end);
  if (after && LINK.test(scene.folded.slice(figure.end, after.start))) chosen = after;
  else chosen = before ?? after;
  let selections = chosen?.selections;
  if (!selections && clause > 0 && scene.sentence[scene.starts[clause] - 1] === '(') {
    selections = scene.bound[clause - 1];
    if (!selections) {
      const previous = scene.mentions.filter(
        (m) => m.selections.length > 0 && scene.clauseAt(m.start) === clause - 1,
      );
      if (previous.length === 1) selections = previous[0].selections;
    }
  }
  if (selections) scene.bound[clause] = selections;
  return selections;
}

/** The stake of a sentence: its first amount that is a known stake or a number the user wrote. */
function sentenceStake(scene: Scene): number | undefined {
  for (const f of scene.figures) {
    if (f.kind !== 'amount') continue;
    const tolerance = f.decimals === 0 ? 0.5 : 0.005;
    if (near(f.value, scene.facts.stakes, tolerance) || near(f.value, scene.facts.userNumbers, tolerance))
      return f.value;
  }
  return undefined;
}

/** The turn's stake when it has exactly one. */
function onlyStake(facts: TurnFacts): number | undefined {
  const distinct = [...new Set(facts.stakes)];
  return distinct.length === 1 ? distinct[0] : undefined;
}

/** The main market's selection when a name has several (Arsenal's 1X2 price before its half-time one). */
function preferred(selections: SelectionFact[]): SelectionFact {
  return (
    selections.find((s) => s.market === 'result') ??
    selections.find((s) => s.market === 'win') ??
    selections[0]
  );
}

function pricesIn(scene: Scene): number[] {
  return scene.figures.filter((f) => f.kind === 'price').map((f) => f.value);
}

function allPrices(scene: Scene): number[] {
  return [...pricesIn(scene), ...scene.facts.prices];
}

function productBefore(figure: Figure, scene: Scene): number | undefined {
  const before = scene.sentence.slice(0, figure.start);
  if (!/=\s*$/.test(before)) return undefined;
  const factors = scene.figures.filter((f) => f.kind === 'price' && f.end <= figure.start);
  if (factors.length < 2) return undefined;
  return factors.reduce((product, f) => product * f.value, 1);
}

function isPayout(value: number, stake: number, prices: number[], tolerance: number): boolean {
  return prices.some(
    (p) => within(value, stake * p, tolerance) || within(value, stake * p - stake, tolerance),
  );
}

function near(value: number, known: readonly number[], tolerance: number): boolean {
  for (const k of known) if (Math.abs(k - value) <= tolerance) return true;
  return false;
}

function within(value: number, fact: number, tolerance: number): boolean {
  return Math.abs(value - fact) <= tolerance;
}
