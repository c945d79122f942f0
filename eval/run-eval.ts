/**
 * Evaluation runner: `npm run eval -- --file F --out P`.
 * Plays each case's `context` messages in a fresh session, then its `text`; writes one JSON line
 * per case to P and prints intent/entity/latency metrics for the labels the file has.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadCatalogue } from './catalogue-source';
import { type EvalPrediction, parseCases } from './eval-case';
import type { EvalTarget } from './eval-target';
import { computeReport, formatReport, type ScoredCase } from './metrics';
import { NluEvalTarget } from './nlu-target';

interface Options {
  file: string;
  out?: string;
  json: boolean;
}

/** The repository root, found from this file whether it runs from eval/ or dist/eval/. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function parseArgs(argv: string[]): Options {
  const root = repoRoot();
  const options: Options = { file: path.resolve(root, '../shared/eval/dev.jsonl'), json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--file') options.file = path.resolve(argv[++i]);
    else if (arg === '--out') options.out = path.resolve(argv[++i]);
    else if (arg === '--json') options.json = true;
    else if (arg === '--help' || arg === '-h') {
      console.log('usage: npm run eval -- [--file cases.jsonl] [--out predictions.jsonl] [--json]');
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

export interface EvalRun {
  scored: ScoredCase[];
  /** Every message sent (context messages included). */
  latencies: number[];
  cpuTimes: number[];
}

export async function runEval(target: EvalTarget, file: string, out?: string): Promise<EvalRun> {
  const cases = parseCases(fs.readFileSync(file, 'utf8'));
  const scored: ScoredCase[] = [];
  const latencies: number[] = [];
  const cpuTimes: number[] = [];
  const lines: string[] = [];
  const record = (p: EvalPrediction) => {
    latencies.push(p.latency_ms);
    if (p.cpu_ms !== undefined) cpuTimes.push(p.cpu_ms);
  };
  for (const c of cases) {
    const session = target.newSession();
    for (const earlier of c.context ?? []) record(await target.send(session, earlier));
    const prediction: EvalPrediction = await target.send(session, c.text);
    record(prediction);
    scored.push({ case: c, prediction });
    const { latency_ms: _latency, cpu_ms: _cpu, ...fields } = prediction;
    lines.push(JSON.stringify({ id: c.id, ...fields }));
  }
  if (out) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, lines.join('\n') + '\n');
  }
  return { scored, latencies, cpuTimes };
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const { catalogue, source } = loadCatalogue();
  const target: EvalTarget = NluEvalTarget.withCatalogue(catalogue);
  // Warm-up: the first calls pay for JIT compilation, which a running server has long paid.
  const warm = target.newSession();
  for (const text of [
    'hello',
    'odds for Arsenal vs Chelsea tomorrow',
    '¿cuándo juega el Barça?',
    'quanto paga 20 reais no Mengão',
  ])
    await target.send(warm, text);
  const { scored, latencies, cpuTimes } = await runEval(target, options.file, options.out);
  await target.close?.();
  console.log(`eval: ${scored.length} cases from ${options.file} · target ${target.name} · ${source}`);
  if (options.out) console.log(`predictions written to ${options.out}`);
  const report = computeReport(scored, latencies, cpuTimes);
  console.log(options.json ? JSON.stringify(report, null, 2) : formatReport(report));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
