/**
 * `npx ts-node --transpile-only bench/grounding-guard.bench.ts`: what the grounding guard costs per
 * turn, in CPU and in bytes allocated, over the turns recorded in bench/fixtures/grounding-turns.json.
 *
 * A turn is one answer with the tool results it was written from. The fixture holds the offline
 * engine's answer to each bench question (bench/lib/questions.ts) and to a few more questions that
 * reach other tools, and for each answer a copy with its figures made wrong (prices +0.10, amounts
 * +1, clocks an hour later), which takes the guard through its corrections and fallbacks. Each turn
 * is replayed through a fresh guard as the offline engine streams it (one chunk) and as a model does
 * (a delta per word); before measuring, every replay must emit exactly the text and report recorded
 * with the fixture, so a faster guard that answers differently fails here.
 *
 * CPU: min and median of rounds of process.cpuUsage per turn (other processes on the machine stretch
 * the wall clock). Bytes: V8's sampling heap profiler over five rounds' worth of turns, freed objects
 * included (the used heap's growth is not usable: a collection may run in any batch).
 *
 * Modes and knobs:
 * - `--record` boots the eval target (the whole app on the offline engine and the embedded
 *   simulator), asks the questions and writes the fixture, expectations from the guard in this tree.
 * - GUARD_BENCH_SRC: the src/ directory whose guard is measured (another tree's, for an A/B;
 *   e.g. `git archive main src | tar -x -C /tmp/base`). Default: this tree's.
 * - GUARD_BENCH_ROUNDS (25), GUARD_BENCH_BATCH (400 turns per CPU round).
 * - `--compare N` (two or more trees in GUARD_BENCH_SRC): N answers made from the fixture's by
 *   random edits (figures, names, marks, zones, cues), cut into random deltas, guarded by each
 *   tree; exits 1 when any tree emits other text or another report than the first. For a change
 *   meant to keep behaviour, such as making the guard cheaper.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { Session } from 'node:inspector';
import type { ChatResponse } from '../src/chat/chat.types';
import type { GroundingReport, GroundingSources } from '../src/llm/grounding/grounding-guard';
import { BENCH_QUESTIONS } from './lib/questions';

const FIXTURE = path.join(__dirname, 'fixtures', 'grounding-turns.json');

/** Questions beyond the bench's that reach the payout, slip and recommendation tools (the fixture's own wording). */
const MORE_QUESTIONS = [
  'What would a 25 dollar bet on Liverpool pay?',
  'Put 20 on Chelsea to win',
  'Any good bets for this weekend?',
  '¿Cuánto paga el empate en el próximo partido del Real Madrid?',
];

interface Replay {
  label: string;
  deltas: string[];
  /** What the guard emitted, and its report, when the fixture was recorded. */
  text: string;
  report: GroundingReport;
}

interface Turn {
  question: string;
  /** A bench question's offline answer (as opposed to an extra question or a made-wrong copy). */
  bench: boolean;
  sources: GroundingSources;
  replays: Replay[];
}

type GuardClass = typeof import('../src/llm/grounding/grounding-guard').GroundingGuard;

/** The guard of a src/ directory (this tree's by default). */
function loadGuard(src = path.join(__dirname, '..', 'src')): GuardClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path.join(path.resolve(src), 'llm', 'grounding', 'grounding-guard')) as { GroundingGuard: GuardClass };
  return module.GroundingGuard;
}

function run(Guard: GuardClass, sources: GroundingSources, deltas: string[]): { text: string; report: GroundingReport } {
  let text = '';
  const guard = new Guard(sources, (t) => (text += t), () => 'FALLBACK');
  for (const d of deltas) guard.push(d);
  return { text, report: guard.finish() };
}

const words = (text: string) => text.match(/\S+\s*/g) ?? [];

/** The answer with every figure made wrong: the model's mistakes the guard exists for. */
function madeWrong(answer: string): string {
  return answer
    .replace(/(\d{1,2}):(\d{2})/g, (_, h: string, m: string) => `${String((Number(h) + 1) % 24).padStart(h.length, '0')}:${m}`)
    .replace(/\$(\d+(?:\.\d+)?)/g, (_, n: string) => `$${(Number(n) + 1).toFixed(n.includes('.') ? 2 : 0)}`)
    .replace(/(?<![\d.,$])(\d+)([.,])(\d{2})(?![\d%])/g, (_, w: string, mark: string, f: string) => {
      const v = (Number(`${w}.${f}`) + 0.1).toFixed(2).split('.');
      return `${v[0]}${mark}${v[1]}`;
    });
}

async function record(): Promise<void> {
  // Required here, not imported above: measuring needs none of the app.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ChatEvalTarget } = require('../eval/chat-target') as typeof import('../eval/chat-target');
  const target = await ChatEvalTarget.boot();
  const internals = target as unknown as {
    chat: { reply(input: unknown, stop: AbortController): Promise<ChatResponse> };
    agent: { take(messageId: string): string[] };
  };
  const Guard = loadGuard();
  const turns: Turn[] = [];
  for (const question of [...BENCH_QUESTIONS, ...MORE_QUESTIONS]) {
    const messageId = randomUUID();
    const response = await internals.chat.reply(
      { userId: 'guard-bench', sessionId: randomUUID(), messageId, message: question, transport: 'socketio' },
      new AbortController(),
    );
    if (response.grounded !== true) throw new Error(`the guard corrected the offline answer to "${question}"`);
    const sources: GroundingSources = {
      language: response.language,
      results: internals.agent.take(messageId).map((r) => JSON.parse(r) as unknown),
      userStakes: response.entities.amounts,
      userMessage: question,
    };
    const bench = BENCH_QUESTIONS.includes(question);
    const replays = (answer: string, label: string): Replay[] =>
      [
        { label: `${label}, one chunk`, deltas: [answer] },
        { label: `${label}, per word`, deltas: words(answer) },
      ].map((r) => ({ ...r, ...run(Guard, sources, r.deltas) }));
    turns.push({ question, bench, sources, replays: replays(response.message, 'as written') });
    const wrong = madeWrong(response.message);
    if (wrong !== response.message) turns.push({ question, bench: false, sources, replays: replays(wrong, 'made wrong') });
  }
  await target.close();
  writeFileSync(FIXTURE, `${JSON.stringify({ recorded: new Date().toISOString(), turns }, null, 1)}\n`);
  const changed = turns.flatMap((t) => t.replays).filter((r) => !r.report.grounded).length;
  console.log(`${turns.length} turns written to ${FIXTURE}; ${changed} replays corrected or fell back`);
}

const cpuMicros = () => {
  const used = process.cpuUsage();
  return used.user + used.system;
};

/**
 * Min and median CPU µs per call of each of `works`, over rounds of `batch` calls; the works take
 * turns round by round, so a busy spell on the machine stretches them alike.
 */
function cpu(works: Array<() => void>, rounds: number, batch: number): Array<[number, number]> {
  // Warm up until the optimising compiler has had its go: about a second of calls each.
  for (const work of works) for (const until = cpuMicros() + 1_000_000; cpuMicros() < until; ) work();
  const samples = works.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++)
    works.forEach((work, w) => {
      const started = cpuMicros();
      for (let i = 0; i < batch; i++) work();
      samples[w].push((cpuMicros() - started) / batch);
    });
  return samples.map((s) => {
    s.sort((a, b) => a - b);
    return [s[0], s[Math.floor(s.length / 2)]];
  });
}

/**
 * Bytes allocated per call of `work`: V8's sampling heap profiler over `calls` calls, counting
 * what the collector has freed too, so it is what the calls allocated rather than what survived.
 */
async function bytes(work: () => void, calls: number): Promise<number> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    );
  await post('HeapProfiler.startSampling', {
    samplingInterval: 128,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  for (let i = 0; i < calls; i++) work();
  const { profile } = (await post('HeapProfiler.stopSampling')) as { profile: { head: SampledNode } };
  session.disconnect();
  const total = (node: SampledNode): number => node.selfSize + node.children.reduce((sum, c) => sum + total(c), 0);
  return total(profile.head) / calls;
}

interface SampledNode {
  selfSize: number;
  children: SampledNode[];
}

async function measure(): Promise<void> {
  const rounds = Number(process.env.GUARD_BENCH_ROUNDS ?? 25);
  const batch = Number(process.env.GUARD_BENCH_BATCH ?? 400);
  const trees = process.env.GUARD_BENCH_SRC?.split(path.delimiter) ?? [path.join(__dirname, '..', 'src')];
  const guards = trees.map((src) => loadGuard(src));
  const { turns } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { turns: Turn[] };
  guards.forEach((Guard, g) => {
    for (const turn of turns)
      for (const replay of turn.replays) {
        const got = run(Guard, turn.sources, replay.deltas);
        if (got.text !== replay.text || JSON.stringify(got.report) !== JSON.stringify(replay.report))
          throw new Error(`${trees[g]}: "${turn.question}" (${replay.label}) is guarded differently than when recorded`);
      }
  });
  type Picked = Array<{ sources: GroundingSources; deltas: string[] }>;
  const replayAll = (Guard: GuardClass, picked: Picked) => () => {
    for (const p of picked) {
      const guard = new Guard(p.sources, () => undefined, () => 'FALLBACK');
      for (const d of p.deltas) guard.push(d);
      guard.finish();
    }
  };
  const bench = turns.filter((t) => t.bench);
  const sets: Array<[string, Picked]> = [
    ['bench answers, one chunk (the offline engine)', bench.map((t) => ({ sources: t.sources, deltas: t.replays[0].deltas }))],
    ['bench answers, a delta per word (a model)', bench.map((t) => ({ sources: t.sources, deltas: t.replays[1].deltas }))],
    ['every turn and replay of the fixture', turns.flatMap((t) => t.replays.map((r) => ({ sources: t.sources, deltas: r.deltas })))],
  ];
  console.log(`${turns.length} turns, each guarded as recorded by ${trees.join(', ')}`);
  console.log('per turn: CPU µs (min / median of rounds) and bytes allocated');
  for (const [label, picked] of sets) {
    const n = picked.length;
    const works = guards.map((Guard) => replayAll(Guard, picked));
    const times = cpu(works, rounds, Math.max(1, Math.round(batch / n)));
    for (let g = 0; g < guards.length; g++) {
      const allocated = await bytes(works[g], Math.max(1, Math.round((batch * 5) / n)));
      const [min, median] = times[g];
      const tree = guards.length > 1 ? `  ${trees[g]}` : '';
      console.log(
        `${label.padEnd(46)} ${(min / n).toFixed(1).padStart(6)} / ${(median / n).toFixed(1).padStart(6)} µs  ${(allocated / n).toFixed(0).padStart(6)} B${tree}`,
      );
    }
  }
}

/** Made-up pieces an edit inserts: figures of every kind, names, cues and marks the guard reads. */
const PIECES = [
  '20:00', '9:05 p.m.', '7 PM', '21h30', 'T10:30', '110:30', '10:30:45', '9:5', '2.10', '3,45', '1.850,00', '47.6%',
  '12 %', '$50', 'R$ 25,50', '€10', '30 USD', '15 dollars', 'UTC', ' (America/Sao Paulo)', ' Europe/London', 'GMT',
  'over 2.5', 'más de 2,5', '+1.5', '-0.5', '3.5 goals', 'xG of 1.45', 'e.g.', 'for example', 'vs.', 'Dr.', '…', '!',
  '?', '.', ',', ';', '(', ')', '—', ' / ', '\n', '•', '=', '×', 'or draw', 'the draw', 'empate', 'both teams to score',
  'yes', 'no', 'half-time', 'handicap', 'double chance', 'margin', 'profit', 'returns', 'for the', 'on', 'de', 'U21',
];

function compare(cases: number): void {
  const trees = process.env.GUARD_BENCH_SRC?.split(path.delimiter) ?? [];
  if (trees.length < 2) throw new Error('--compare needs two or more trees in GUARD_BENCH_SRC');
  const guards = trees.map((src) => loadGuard(src));
  const { turns } = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { turns: Turn[] };
  // mulberry32: the same cases on every run.
  let seed = Number(process.env.GUARD_BENCH_SEED ?? 1);
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const edit = (text: string) => {
    let out = text;
    for (let n = 1 + Math.floor(random() * 6); n > 0; n--) {
      const at = Math.floor(random() * (out.length + 1));
      const r = random();
      if (r < 0.7) out = `${out.slice(0, at)}${pick([' ', ''])}${pick(PIECES)}${pick([' ', ''])}${out.slice(at)}`;
      else if (r < 0.85) out = out.replace(/\d+(?:[.,]\d+)?/g, (m) => (random() < 0.3 ? pick(PIECES) : m));
      else out = out.slice(0, at) + out.slice(at + Math.floor(random() * 10));
    }
    return out;
  };
  const cut = (text: string) => {
    const mode = random();
    if (mode < 0.3) return [text];
    if (mode < 0.6) return words(text);
    const deltas: string[] = [];
    for (let i = 0; i < text.length; ) {
      const size = 1 + Math.floor(random() * 12);
      deltas.push(text.slice(i, i + size));
      i += size;
    }
    return deltas;
  };
  let differ = 0;
  for (let c = 0; c < cases; c++) {
    const turn = pick(turns);
    const text = random() < 0.1 ? pick(turn.replays).text : edit(pick(turn.replays).text);
    const deltas = cut(text);
    const stepAt = random() < 0.2 ? Math.floor(random() * deltas.length) : -1;
    const r = random();
    const sources =
      r < 0.2 ? { ...turn.sources, zone: pick(['America/Sao_Paulo', 'Europe/Madrid', 'UTC']) } : r < 0.3 ? { ...turn.sources, results: [] } : turn.sources;
    const outputs = guards.map((Guard) => {
      let out = '';
      const guard = new Guard(sources, (t) => (out += `|${t}`), () => 'FALLBACK');
      deltas.forEach((d, i) => {
        guard.push(d);
        if (i === stepAt) guard.endStep();
      });
      return out + JSON.stringify(guard.finish());
    });
    const odd = outputs.findIndex((o) => o !== outputs[0]);
    if (odd > 0 && ++differ <= 3) console.log(`${trees[odd]} differs on ${JSON.stringify(deltas)}:\n${outputs[0]}\n${outputs[odd]}`);
  }
  console.log(`${cases} edited answers guarded by ${trees.join(', ')}: ${differ} guarded differently`);
  if (differ > 0) process.exitCode = 1;
}

const compareAt = process.argv.indexOf('--compare');
(process.argv.includes('--record')
  ? record()
  : compareAt >= 0
    ? Promise.resolve(compare(Number(process.argv[compareAt + 1] ?? 20000)))
    : measure()
).then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
