import type { Entities, Intent, Language } from '../src/common/protocol';

/** One line of an evaluation file; every label is optional (unlabelled files just get predictions). */
export interface EvalCase {
  id: string;
  text: string;
  /** Earlier user messages of the same conversation, oldest first. */
  context?: string[];
  intent?: Intent;
  teams?: string[];
  tournaments?: string[];
  amount?: number;
  market?: string;
  /** `es` or `pt_br`; absent means English. */
  lang?: Language;
  must_not_place_real_bet?: boolean;
}

/** What a target answered for the case's `text`. */
export interface EvalPrediction {
  detected_intent: Intent;
  intent_confidence: number;
  entities: Entities;
  language: Language;
  /** Time the language understanding took for this message, in ms. */
  latency_ms: number;
  /** CPU time of the language understanding for the message, in ms, when the target can tell (immune to other processes on a busy machine). */
  cpu_ms?: number;
  /** Whole-turn timing, when the target runs the chat pipeline (not written to the output file). */
  turn?: TurnTiming;
  /** Targets may add fields (answer, function_calls_made, grounded…); they are written out as they are. */
  [extra: string]: unknown;
}

export interface TurnTiming {
  /** Wall clock of the whole turn, in ms. */
  wallMs: number;
  /** Sum of the turn's tool-call durations (sports API included), in ms. */
  toolMs: number;
  /** Process CPU time of the turn, in ms. */
  cpuMs: number;
}

export function parseCases(jsonl: string): EvalCase[] {
  return jsonl
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .map((line, index) => {
      const value = JSON.parse(line) as Partial<EvalCase>;
      if (typeof value.text !== 'string') throw new Error(`line ${index + 1}: "text" must be a string`);
      return { ...value, id: value.id ?? `line-${index + 1}`, text: value.text };
    });
}
