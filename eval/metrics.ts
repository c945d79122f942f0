import type { Language } from '../src/common/protocol';
import { foldAccents } from '../src/common/text';
import type { EvalCase, EvalPrediction } from './eval-case';

/** Metrics of an eval run. Pure functions, so the maths has its own unit spec. */

export interface ScoredCase {
  case: EvalCase;
  prediction: EvalPrediction;
}

export interface Rate {
  correct: number;
  total: number;
  /** correct / total, 0 when total is 0. */
  rate: number;
}

export interface KindScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

export const ENTITY_KINDS = ['teams', 'tournaments', 'amounts', 'markets'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];

export interface EvalReport {
  labelled: number;
  intent: { overall: Rate; byIntent: Record<string, Rate>; byLanguage: Record<string, Rate> };
  languageDetection: Rate;
  /** A case counts when every labelled kind (teams, tournaments, amount, market) matches exactly. */
  entities: { overall: Rate; byLanguage: Record<string, Rate>; byKind: Record<EntityKind, KindScore> };
  /** Expected → predicted intent pairs that differ, most frequent first. */
  confusions: Array<{ expected: string; predicted: string; count: number; ids: string[] }>;
  /** Wall-clock per message; `cpu` is the process CPU time per message when the target measured it. */
  latency: {
    p50: number;
    p99: number;
    max: number;
    samples: number;
    cpu?: { p50: number; p99: number; max: number };
  };
}

export function rate(correct: number, total: number): Rate {
  return { correct, total, rate: total === 0 ? 0 : correct / total };
}

/** Nearest-rank percentile (p in 0..100) of unsorted samples; 0 for none. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** Expected entities of a case: labels absent from a labelled case mean "none". */
export function expectedEntities(c: EvalCase): Record<EntityKind, string[]> {
  return {
    teams: c.teams ?? [],
    tournaments: c.tournaments ?? [],
    amounts: c.amount === undefined ? [] : [String(c.amount)],
    markets: c.market === undefined ? [] : [c.market],
  };
}

function predictedEntities(p: EvalPrediction): Record<EntityKind, string[]> {
  return {
    teams: p.entities.teams,
    tournaments: p.entities.tournaments,
    amounts: p.entities.amounts.map(String),
    markets: p.entities.markets,
  };
}

/** Names compare case- and accent-insensitively. */
function normalizedSet(values: string[]): Set<string> {
  return new Set(values.map((v) => foldAccents(v).trim()));
}

function caseLanguage(c: EvalCase): Language {
  return c.lang ?? 'en';
}

export function computeReport(
  scored: ScoredCase[],
  latencies: number[],
  cpuTimes: number[] = [],
): EvalReport {
  const labelled = scored.filter((s) => s.case.intent !== undefined);
  const tally = new Map<string, [number, number]>();
  const bump = (key: string, ok: boolean) => {
    const [c, t] = tally.get(key) ?? [0, 0];
    tally.set(key, [c + (ok ? 1 : 0), t + 1]);
  };
  const kinds = Object.fromEntries(ENTITY_KINDS.map((k) => [k, { tp: 0, fp: 0, fn: 0 }])) as Record<
    EntityKind,
    { tp: number; fp: number; fn: number }
  >;
  const confusions = new Map<string, string[]>();

  for (const { case: c, prediction: p } of labelled) {
    const language = caseLanguage(c);
    const intentOk = p.detected_intent === c.intent;
    bump('intent', intentOk);
    bump(`intent:${c.intent}`, intentOk);
    bump(`intent-lang:${language}`, intentOk);
    bump('language', p.language === language);
    if (!intentOk) {
      const key = `${c.intent} → ${p.detected_intent}`;
      confusions.set(key, [...(confusions.get(key) ?? []), c.id]);
    }
    const expected = expectedEntities(c);
    const predicted = predictedEntities(p);
    let allMatch = true;
    for (const kind of ENTITY_KINDS) {
      const want = normalizedSet(expected[kind]);
      const got = normalizedSet(predicted[kind]);
      const hits = [...got].filter((v) => want.has(v)).length;
      kinds[kind].tp += hits;
      kinds[kind].fp += got.size - hits;
      kinds[kind].fn += want.size - hits;
      if (hits !== want.size || hits !== got.size) allMatch = false;
    }
    bump('entities', allMatch);
    bump(`entities-lang:${language}`, allMatch);
  }

  const get = (key: string) => rate(...(tally.get(key) ?? [0, 0]));
  const prefixed = (prefix: string) =>
    Object.fromEntries(
      [...tally.keys()]
        .filter((k) => k.startsWith(prefix))
        .sort()
        .map((k) => [k.slice(prefix.length), get(k)]),
    );

  return {
    labelled: labelled.length,
    intent: { overall: get('intent'), byIntent: prefixed('intent:'), byLanguage: prefixed('intent-lang:') },
    languageDetection: get('language'),
    entities: {
      overall: get('entities'),
      byLanguage: prefixed('entities-lang:'),
      byKind: Object.fromEntries(
        ENTITY_KINDS.map((k) => {
          const { tp, fp, fn } = kinds[k];
          return [
            k,
            {
              truePositives: tp,
              falsePositives: fp,
              falseNegatives: fn,
              precision: tp + fp === 0 ? 1 : tp / (tp + fp),
              recall: tp + fn === 0 ? 1 : tp / (tp + fn),
            },
          ];
        }),
      ) as Record<EntityKind, KindScore>,
    },
    confusions: [...confusions.entries()]
      .map(([key, ids]) => {
        const [expected, predicted] = key.split(' → ');
        return { expected, predicted, count: ids.length, ids };
      })
      .sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected)),
    latency: {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      max: Math.max(0, ...latencies),
      samples: latencies.length,
      cpu: cpuTimes.length
        ? { p50: percentile(cpuTimes, 50), p99: percentile(cpuTimes, 99), max: Math.max(...cpuTimes) }
        : undefined,
    },
  };
}

const pct = (r: Rate) => `${(r.rate * 100).toFixed(1).padStart(5)} %  (${r.correct}/${r.total})`;

export function formatReport(report: EvalReport): string {
  const lines: string[] = [];
  lines.push(`labelled cases: ${report.labelled}`);
  lines.push('', 'INTENT', `  overall                 ${pct(report.intent.overall)}`);
  for (const [lang, r] of Object.entries(report.intent.byLanguage))
    lines.push(`  lang ${lang.padEnd(19)}${pct(r)}`);
  for (const [intent, r] of Object.entries(report.intent.byIntent))
    lines.push(`  ${intent.padEnd(24)}${pct(r)}`);
  lines.push('', 'ENTITIES (case exact match)', `  overall                 ${pct(report.entities.overall)}`);
  for (const [lang, r] of Object.entries(report.entities.byLanguage))
    lines.push(`  lang ${lang.padEnd(19)}${pct(r)}`);
  lines.push('  kind          precision  recall   tp  fp  fn');
  for (const [kind, s] of Object.entries(report.entities.byKind)) {
    lines.push(
      `  ${kind.padEnd(13)} ${(s.precision * 100).toFixed(1).padStart(7)} % ${(s.recall * 100).toFixed(1).padStart(6)} % ${String(s.truePositives).padStart(4)}${String(s.falsePositives).padStart(4)}${String(s.falseNegatives).padStart(4)}`,
    );
  }
  lines.push('', `LANGUAGE DETECTION        ${pct(report.languageDetection)}`);
  lines.push('', 'CONFUSIONS (expected → predicted)');
  if (report.confusions.length === 0) lines.push('  none');
  for (const c of report.confusions)
    lines.push(`  ${String(c.count).padStart(3)}  ${c.expected} → ${c.predicted}  [${c.ids.join(', ')}]`);
  const l = report.latency;
  lines.push(
    '',
    `NLU LATENCY per message (${l.samples} samples)`,
    `  wall clock   p50 ${l.p50.toFixed(3)} ms  p99 ${l.p99.toFixed(3)} ms  max ${l.max.toFixed(3)} ms`,
  );
  if (l.cpu)
    lines.push(
      `  cpu time     p50 ${l.cpu.p50.toFixed(3)} ms  p99 ${l.cpu.p99.toFixed(3)} ms  max ${l.cpu.max.toFixed(3)} ms`,
    );
  return lines.join('\n');
}
