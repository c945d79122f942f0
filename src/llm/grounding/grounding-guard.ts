import type { BetProposal, Language } from '../../common/protocol';
import { type FigureKind, readNumber } from './figure-reader';
import { checkSentence } from './figure-checker';
import { TurnFacts } from './turn-facts';

/** A figure the guard changed: as the model wrote it, and the fact sent instead (none when the answer fell back). */
export interface FigureCorrection {
  kind: FigureKind;
  wrote: string;
  fact?: string;
}

export interface GroundingReport {
  /** Every checked figure matched the tool results. */
  grounded: boolean;
  corrected: FigureCorrection[];
  /** A figure could not be replaced, so the rest of the answer is the offline writer's. */
  fallback: boolean;
}

/** What a turn's figures are checked against. */
export interface GroundingSources {
  language: Language;
  /** IANA zone kick-off times are read in; UTC when absent. */
  zone?: string;
  /** The turn's tool results so far, as the tools returned them (or their JSON); read again when it grows. */
  results: readonly unknown[];
  /** The session's open slip (the hints show it to the model). */
  openSlip?: BetProposal;
  /** Stakes the user named (the NLU's amounts). */
  userStakes: readonly number[];
  userMessage: string;
}

const NOT_CHECKED: Record<Language, { before: string; alone: string }> = {
  en: {
    before: "I could not check that figure against the sportsbook's data, so here is what it shows:",
    alone: "I could not check that figure against the sportsbook's data, so I have left it out.",
  },
  es: {
    before: 'No pude comprobar ese dato con la información de la casa de apuestas; esto es lo que muestra:',
    alone: 'No pude comprobar ese dato con la información de la casa de apuestas, así que lo dejé fuera.',
  },
  pt_br: {
    before: 'Não consegui conferir esse número com os dados da casa de apostas; veja o que eles mostram:',
    alone: 'Não consegui conferir esse número com os dados da casa de apostas, então deixei de fora.',
  },
};

const NEWLINE = 10;
const DOT = 46;
const ELLIPSIS = 0x2026;
const ABBREVIATION =
  /(?:^|[^\p{L}])(?:vs|v|e\.g|i\.e|eg|ie|p\. ?ej|ej|ex|approx|aprox|sr|sra|dr|mr|mrs|st)$/iu;

/**
 * Sits between the model's text and the user. Text streams on at once until a digit appears;
 * from there the rest of that sentence is held until it ends, checked against the turn's tool
 * results (figure-checker.ts) and sent — with each wrong figure replaced by the fact, or, when a
 * figure has no fact to take its place, with the offline writer's rendering of the tool results
 * instead of the rest of the answer. Each push emits at most one delta, so a one-chunk answer
 * (the offline engine's) stays one delta.
 */
export class GroundingGuard {
  private sentence = '';
  /** Where the held part of the sentence starts; -1 while nothing is held. */
  private heldAt = -1;
  private fell = false;
  private wroteAny = false;
  private readonly corrected: FigureCorrection[] = [];
  private facts?: TurnFacts;
  private factsFor = -1;
  private userNumbers?: number[];

  /**
   * @param emit where checked text goes
   * @param fallback the answer rendered from the tool results alone; '' when there are none
   */
  constructor(
    private readonly sources: GroundingSources,
    private readonly emit: (text: string) => void,
    private readonly fallback: () => string,
  ) {}

  push(delta: string): void {
    if (this.fell || delta.length === 0) return;
    let out = '';
    // "is 2." then " Next…": a dot after a digit ends the sentence only once a space follows.
    if (this.heldAt >= 0 && isSpace(delta.charCodeAt(0)) && this.endsWithNumberDot()) out += this.close('');
    let pos = 0;
    while (pos < delta.length && !this.fell) {
      const end = this.boundary(delta, pos);
      const stop = end < 0 ? delta.length : end;
      const piece = pos === 0 && stop === delta.length ? delta : delta.slice(pos, stop);
      if (this.heldAt < 0) {
        const digit = this.firstFigureDigit(delta, pos, stop);
        if (digit < 0) out += piece;
        else {
          out += delta.slice(pos, digit);
          this.heldAt = this.sentence.length + (digit - pos);
        }
      }
      this.sentence += piece;
      if (end >= 0) out += this.close(out);
      pos = stop;
    }
    this.send(out);
  }

  /** A model step ended: what is held is a whole sentence now. */
  endStep(): void {
    if (this.heldAt >= 0) this.send(this.close(''));
    this.sentence = '';
  }

  finish(): GroundingReport {
    this.endStep();
    return {
      grounded: this.corrected.length === 0 && !this.fell,
      corrected: this.corrected,
      fallback: this.fell,
    };
  }

  private send(text: string): void {
    if (!text) return;
    this.wroteAny = true;
    this.emit(text);
  }

  /** Ends the current sentence; returns what of it is still to be sent. */
  private close(unsent: string): string {
    const sentence = this.sentence;
    const heldAt = this.heldAt;
    this.sentence = '';
    this.heldAt = -1;
    if (heldAt < 0) return '';
    const verdict = checkSentence(sentence, this.currentFacts(), {
      language: this.sources.language,
      zone: this.sources.zone ?? 'UTC',
    });
    const fixes = verdict.fixes.length === 0 ? verdict.fixes : verdict.fixes.filter((f) => f.start >= heldAt);
    if (verdict.unverifiable.length > 0) {
      for (const f of fixes) this.corrected.push({ kind: f.kind, wrote: f.wrote, fact: f.fact });
      for (const u of verdict.unverifiable) this.corrected.push({ kind: u.kind, wrote: u.wrote });
      this.fell = true;
      // The sentence's start is already with the user: mark it cut, then start afresh.
      const cut = sentence.slice(0, heldAt).trim() ? '…' : '';
      const lead = this.wroteAny || unsent || cut ? '\n\n' : '';
      return `${cut}${lead}${this.fallbackText()}`;
    }
    if (fixes.length === 0) return heldAt === 0 ? sentence : sentence.slice(heldAt);
    let text = '';
    let at = heldAt;
    for (const fix of fixes) {
      text += sentence.slice(at, fix.start) + fix.fact;
      at = fix.end;
      this.corrected.push({ kind: fix.kind, wrote: fix.wrote, fact: fix.fact });
    }
    return text + sentence.slice(at);
  }

  private fallbackText(): string {
    const phrases = NOT_CHECKED[this.sources.language];
    const rendered = this.fallback();
    return rendered ? `${phrases.before}\n\n${rendered}` : phrases.alone;
  }

  /** The facts, built when a sentence first needs them and again after more tool results. */
  private currentFacts(): TurnFacts {
    const { results } = this.sources;
    if (!this.facts || this.factsFor !== results.length) {
      this.userNumbers ??= numbersIn(this.sources.userMessage, this.sources.language);
      this.facts = new TurnFacts(
        results.filter((r) => r !== undefined),
        this.sources.openSlip,
        this.sources.userStakes,
        this.userNumbers,
      );
      this.factsFor = results.length;
    }
    return this.facts;
  }

  /**
   * Index just past the next sentence end at or after `pos` (-1 if none): a newline, or . ! ? …
   * followed by a space or ending the delta. A dot after a digit at the end of a delta may be a
   * decimal point still arriving, and a dot after "vs" or "e.g" ends no sentence.
   */
  private boundary(delta: string, pos: number): number {
    for (let i = pos; i < delta.length; i++) {
      const c = delta.charCodeAt(i);
      if (c === NEWLINE) return i + 1;
      if (c !== DOT && c !== 33 && c !== 63 && c !== ELLIPSIS) continue;
      const last = i + 1 === delta.length;
      if (!last && !isSpace(delta.charCodeAt(i + 1))) continue;
      if (c !== DOT) return i + 1;
      const previous = i > 0 ? delta.charCodeAt(i - 1) : this.sentence.charCodeAt(this.sentence.length - 1);
      if (last && isDigit(previous)) continue;
      if (
        ABBREVIATION.test(
          (i >= 8 ? delta.slice(i - 8, i) : this.sentence.slice(-8) + delta.slice(0, i)).slice(-8),
        )
      )
        continue;
      return i + 1;
    }
    return -1;
  }

  /** The first digit that may start a figure: digits inside a word ("U21", "word0") never do. */
  private firstFigureDigit(delta: string, from: number, to: number): number {
    for (let i = from; i < to; i++) {
      if (!isDigit(delta.charCodeAt(i))) continue;
      const previous = i > 0 ? delta.charCodeAt(i - 1) : this.sentence.charCodeAt(this.sentence.length - 1);
      // A digit after a digit continues a number already skipped ("word10").
      if (!isLetter(previous) && !isDigit(previous)) return i;
    }
    return -1;
  }

  private endsWithNumberDot(): boolean {
    const n = this.sentence.length;
    return this.sentence.charCodeAt(n - 1) === DOT && isDigit(this.sentence.charCodeAt(n - 2));
  }
}

/** Every number the user wrote, read both ways where the language leaves it open. */
function numbersIn(message: string, language: Language): number[] {
  const numbers: number[] = [];
  for (const m of message.matchAll(/\d+(?:[.,]\d+)*/g)) {
    numbers.push(readNumber(m[0], language, true).value, readNumber(m[0], language, false).value);
  }
  return numbers;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 0xc0 && code <= 0x24f);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0;
}
