/**
 * Evaluation runner: `npm run eval -- [--file F] [--out P] [--target chat|nlu] [--limit N] [--json]`.
 * Plays each case's `context` messages in a fresh session, then its `text`; writes one JSON line
 * per case to P and prints intent/entity/latency metrics for the labels the file has, plus, for
 * the full chat pipeline (the default target), answer metrics: answered, grounded, tool use,
 * bets placed, turn latency.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { computeAnswerReport, formatAnswerReport } from './answer-metrics';
import { loadCatalogue } from './catalogue-source';
import { ChatEvalTarget } from './chat-target';
import { type EvalPrediction, parseCases } from './eval-case';
import type { EvalTarget } from './eval-target';
import { computeReport, formatReport, type ScoredCase } from './metrics';
import { NluEvalTarget } from './nlu-target';

interface Options {
  file: string;
  out?: string;
  json: boolean;
  target: 'chat' | 'nlu';
  limit?: number;
}

const USAGE =
  'usage: npm run eval -- [--file cases.jsonl] [--out predictions.jsonl] [--target chat|nlu] [--limit N] [--json]';

/** The repository root, found from this file whether it runs from eval/ or dist/eval/. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function parseArgs(argv: string[]): Options {
  const root = repoRoot();
  const options: Options = {
    file: path.resolve(root, '../shared/eval/dev.jsonl'),
    json: false,
    target: 'chat',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--file') options.file = path.resolve(argv[++i]);
    else if (arg === '--out') options.out = path.resolve(argv[++i]);
    else if (arg === '--json') options.json = true;
    else if (arg === '--target') {
      const target = argv[++i];
      if (target !== 'chat' && target !== 'nlu')
        throw new Error(`--target must be chat or nlu, not ${target}`);
      options.target = target;
    } else if (arg === '--limit') {
      const limit = Number(argv[++i]);
      if (!Number.isInteger(limit) || limit < 1) throw new Error('--limit must be a positive integer');
      options.limit = limit;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${USAGE}`);
  }
  return options;
}

export interface EvalRun {
  scored: ScoredCase[];
  /** Every message's prediction, context messages included, in order sent. */
  turns: EvalPrediction[];
  /** NLU latency of every message sent (context messages included). */
  latencies: number[];
  cpuTimes: number[];
}

export async function runEval(
  target: EvalTarget,
  file: string,
  out?: string,
  limit?: number,
): Promise<EvalRun> {
  const cases = parseCases(fs.readFileSync(file, 'utf8')).slice(0, limit);
  const scored: ScoredCase[] = [];
  const turns: EvalPrediction[] = [];
  const latencies: number[] = [];
  const cpuTimes: number[] = [];
  const lines: string[] = [];
  const record = (p: EvalPrediction) => {
    turns.push(p);
    latencies.push(p.latency_ms);
    if (p.cpu_ms !== undefined) cpuTimes.push(p.cpu_ms);
  };
  for (const c of cases) {
    const session = target.newSession();
    for (const earlier of c.context ?? []) record(await target.send(session, earlier));
    const prediction: EvalPrediction = await target.send(session, c.text);
    record(prediction);
    scored.push({ case: c, prediction });
    const { latency_ms: _latency, cpu_ms: _cpu, turn: _turn, ...fields } = prediction;
    lines.push(JSON.stringify({ id: c.id, ...fields }));
  }
  if (out) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, lines.join('\n') + '\n');
  }
  return { scored, turns, latencies, cpuTimes };
}

/**
 * The first calls pay for JIT compilation of each code path (every intent, language, tool and
 * template), which a running server has long paid; a few rounds over messages of our own (not
 * from any eval file) keep that out of the measured latencies.
 */
const WARM_UP_MESSAGES = [
  'hello',
  'what can you do?',
  'odds for Arsenal vs Chelsea tomorrow',
  'who wins, Bayern or Dortmund?',
  'what is a parlay?',
  "what's my balance",
  'simulate $25 on Liverpool',
  'which leagues do you have?',
  'any tips for this weekend?',
  '¿cuándo juega el Barça?',
  '¿cuánto tengo en la cuenta?',
  'cuotas del Madrid contra el Sevilla',
  'quanto paga 20 reais no Mengão',
  'quais campeonatos vocês têm?',
  'jogos de amanhã',
  'asdf qwerty',
  'under 3.5 goals in the derby, what is the price?',
  '1.85 or 2.10 — which is better value?',
  'apuesta 12,50 a ganador del Betis el sábado',
  'e se eu apostar R$ 7,5 no empate domingo?',
];
const WARM_UP_ROUNDS = 3;

async function warmUp(target: EvalTarget): Promise<void> {
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    const session = target.newSession();
    for (const text of WARM_UP_MESSAGES) await target.send(session, text);
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  let target: EvalTarget;
  let source: string;
  if (options.target === 'nlu') {
    const loaded = loadCatalogue();
    target = NluEvalTarget.withCatalogue(loaded.catalogue);
    source = loaded.source;
  } else {
    const chat = await ChatEvalTarget.boot();
    target = chat;
    source = `engine ${chat.engine}`;
  }
  await warmUp(target);
  const { scored, turns, latencies, cpuTimes } = await runEval(
    target,
    options.file,
    options.out,
    options.limit,
  );
  const betsPlaced = target instanceof ChatEvalTarget ? await target.betsPlaced() : undefined;
  await target.close?.();
  console.log(`eval: ${scored.length} cases from ${options.file} · target ${target.name} · ${source}`);
  if (options.out) console.log(`predictions written to ${options.out}`);
  const report = computeReport(scored, latencies, cpuTimes);
  const answers =
    target instanceof ChatEvalTarget ? computeAnswerReport(scored, turns, betsPlaced) : undefined;
  if (options.json) console.log(JSON.stringify(answers ? { ...report, answers } : report, null, 2));
  else console.log(formatReport(report) + (answers ? `\n\n${formatAnswerReport(answers)}` : ''));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
