import type { FunctionCall, Intent } from '../src/common/protocol';
import type { EvalPrediction } from './eval-case';
import { percentile, rate, type Rate, type ScoredCase } from './metrics';

/** Answer metrics of a full-pipeline run (issue 7). Pure functions, unit-tested like metrics.ts. */

/** Intents whose answer needs live sportsbook data, so the agent must have called a tool. */
export const LIVE_DATA_INTENTS: readonly Intent[] = [
  'MATCH_SCHEDULE_QUERY',
  'ODDS_INFORMATION_QUERY',
  'USER_BALANCE_QUERY',
  'TOURNAMENT_INFO',
  'BET_SIMULATION',
];

export interface Percentiles {
  p50: number;
  p99: number;
  max: number;
}

export interface AnswerReport {
  cases: number;
  /** A non-empty answer. */
  answered: Rate & { failed: string[] };
  /** Every price and amount of the answer backed by the turn's tool results or the user's message. */
  grounded: Rate & { failed: string[] };
  /** Answers the runtime grounding guard sent unchanged (it corrected nothing). */
  guardPassed: Rate & { failed: string[] };
  /** Cases needing live data (by label, else by detected intent) that called at least one tool. */
  toolUse: Rate & { failed: string[] };
  /** Cases that ended degraded (a tool failed or data was stale). */
  degraded: string[];
  /** Real bets the sports API saw placed during the run; undefined when it cannot be counted. */
  betsPlaced?: number;
  /** Per turn (context turns included): wall clock, wall clock minus tool time, CPU time. */
  turn: { samples: number; wall: Percentiles; withoutTools: Percentiles; cpu: Percentiles };
}

function spread(samples: number[]): Percentiles {
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), max: Math.max(0, ...samples) };
}

function answerOf(p: EvalPrediction): string {
  return typeof p.answer === 'string' ? p.answer : '';
}

function callsOf(p: EvalPrediction): FunctionCall[] {
  return Array.isArray(p.function_calls_made) ? (p.function_calls_made as FunctionCall[]) : [];
}

function tally(cases: ScoredCase[], ok: (s: ScoredCase) => boolean): Rate & { failed: string[] } {
  const failed = cases.filter((s) => !ok(s)).map((s) => s.case.id);
  return { ...rate(cases.length - failed.length, cases.length), failed };
}

/**
 * @param scored the cases with the prediction for their `text`
 * @param turns every message's prediction (context messages included), for timing
 */
export function computeAnswerReport(
  scored: ScoredCase[],
  turns: EvalPrediction[],
  betsPlaced?: number,
): AnswerReport {
  const timed = turns.flatMap((p) => (p.turn ? [p.turn] : []));
  const needsData = scored.filter((s) =>
    LIVE_DATA_INTENTS.includes(s.case.intent ?? s.prediction.detected_intent),
  );
  return {
    cases: scored.length,
    answered: tally(scored, (s) => answerOf(s.prediction).trim().length > 0),
    grounded: tally(scored, (s) => s.prediction.grounded === true),
    guardPassed: tally(scored, (s) => s.prediction.guard_corrected === undefined),
    toolUse: tally(needsData, (s) => callsOf(s.prediction).length > 0),
    degraded: scored.filter((s) => s.prediction.degraded === true).map((s) => s.case.id),
    betsPlaced,
    turn: {
      samples: timed.length,
      wall: spread(timed.map((t) => t.wallMs)),
      withoutTools: spread(timed.map((t) => Math.max(0, t.wallMs - t.toolMs))),
      cpu: spread(timed.map((t) => t.cpuMs)),
    },
  };
}

const pct = (r: Rate) => `${(r.rate * 100).toFixed(1).padStart(5)} %  (${r.correct}/${r.total})`;
const ms = (p: Percentiles) =>
  `p50 ${p.p50.toFixed(2)} ms  p99 ${p.p99.toFixed(2)} ms  max ${p.max.toFixed(2)} ms`;
const failures = (ids: string[]) => (ids.length ? `  ✗ ${ids.join(', ')}` : '');

export function formatAnswerReport(report: AnswerReport): string {
  const lines = ['ANSWERS'];
  lines.push(`  answered                ${pct(report.answered)}${failures(report.answered.failed)}`);
  lines.push(`  grounded                ${pct(report.grounded)}${failures(report.grounded.failed)}`);
  lines.push(`  runtime guard passed    ${pct(report.guardPassed)}${failures(report.guardPassed.failed)}`);
  lines.push(`  tool use (live data)    ${pct(report.toolUse)}${failures(report.toolUse.failed)}`);
  lines.push(
    `  bets placed             ${report.betsPlaced === undefined ? 'not countable (real API)' : report.betsPlaced}`,
  );
  if (report.degraded.length)
    lines.push(`  degraded                ${report.degraded.length}  [${report.degraded.join(', ')}]`);
  const t = report.turn;
  lines.push(
    '',
    `TURN LATENCY (${t.samples} turns, context turns included)`,
    `  wall clock         ${ms(t.wall)}`,
    `  minus tool time    ${ms(t.withoutTools)}`,
    `  cpu time           ${ms(t.cpu)}`,
  );
  return lines.join('\n');
}
