/**
 * Evaluation runner: `npm run eval -- [--file F] [--out P] [--target chat|nlu] [--limit N] [--json]`.
 * Plays each case's `context` messages in a fresh session, then its `text`; writes one JSON line
 * per case to P and prints intent/entity/latency metrics for the labels the file has, plus, for
 * the full chat pipeline (the default target), answer metrics: answered, grounded, tool use,
 * bets placed, turn latency.
 *
 * `npm run eval -- --dialogues F [--only id,id] [--out P] [--limit N] [--json]` plays multi-turn
 * dialogue cases instead (`../shared/eval/README.md`, "Dialogue cases") through the real HTTP API
 * of the app started in-process, and prints turn pass rates per category and language
 * (`dialogue-scorer.ts`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ConfigType } from '@nestjs/config';
import { createApp } from '../src/bootstrap';
import { llmConfig } from '../src/config/configuration';
import { NluService } from '../src/nlu/nlu.service';
import { describeEngine } from '../src/llm/model/chat-model.factory';
import { SportsApiEndpoint } from '../src/sports-api/sports-api.endpoint';
import { SportsQueries } from '../src/sports-api/sports-queries.service';
import { computeAnswerReport, formatAnswerReport } from './answer-metrics';
import { loadCatalogue } from './catalogue-source';
import { ChatEvalTarget, EVAL_ENV } from './chat-target';
import { parseDialogues, selectDialogues } from './dialogue-case';
import {
  formatDialogueRun,
  HttpChatApi,
  playDialogues,
  SportsData,
  type DialogueRun,
} from './dialogue-scorer';
import { type EvalPrediction, parseCases } from './eval-case';
import type { EvalTarget } from './eval-target';
import { computeReport, formatReport, type ScoredCase } from './metrics';
import { NluEvalTarget } from './nlu-target';

interface Options {
  file: string;
  /** Which set a default file came from, for the report's first line (absent for a file given on the command line). */
  setNote?: string;
  out?: string;
  json: boolean;
  target: 'chat' | 'nlu';
  limit?: number;
  /** Dialogue cases to play instead of single messages. */
  dialogues?: string;
  /** Dialogue ids to play (all without it). */
  only?: string[];
}

const USAGE = [
  'usage: npm run eval -- [--file cases.jsonl] [--out predictions.jsonl] [--target chat|nlu] [--limit N] [--json]',
  '       npm run eval -- --dialogues [dialogues.jsonl] [--only id,id] [--out turns.jsonl] [--limit N] [--json]',
  'Without a file: ../shared/eval/{dev,dialogues}.jsonl beside the clone when present, else eval/sets/ in the repository.',
].join('\n');

/** The value after a flag; a missing one (end of the line, or another flag) is an error. */
function valueOf(argv: string[], i: number): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${argv[i]} needs a value\n${USAGE}`);
  return value;
}

/** The repository root, found from this file whether it runs from eval/ or dist/eval/. */
function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/**
 * The default sets: the shared evaluation files when the clone sits beside `shared/` (CI, the
 * project's workspace), else the repository's own `eval/sets/` (sentences of their own, kept apart
 * from the shared ones by the corpus hygiene spec), so `npm run eval` works in a plain clone.
 */
export function defaultSet(name: 'dev' | 'dialogues', root = repoRoot()): { file: string; note: string } {
  const shared = path.resolve(root, '../shared/eval', `${name}.jsonl`);
  if (fs.existsSync(shared)) return { file: shared, note: 'the shared set, ../shared/eval' };
  return { file: path.join(root, 'eval/sets', `${name}.jsonl`), note: "the repository's set, eval/sets (no ../shared/eval)" };
}

export function parseArgs(argv: string[], root = repoRoot()): Options {
  const dev = defaultSet('dev', root);
  const options: Options = {
    file: dev.file,
    setNote: dev.note,
    json: false,
    target: 'chat',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--file') {
      options.file = path.resolve(valueOf(argv, i++));
      options.setNote = undefined;
    } else if (arg === '--out') options.out = path.resolve(valueOf(argv, i++));
    else if (arg === '--dialogues') {
      const given = argv[i + 1];
      if (given === undefined || given.startsWith('--')) {
        const dialogues = defaultSet('dialogues', root);
        options.dialogues = dialogues.file;
        options.setNote = dialogues.note;
      } else {
        options.dialogues = path.resolve(given);
        options.setNote = undefined;
        i++;
      }
    }
    else if (arg === '--only')
      options.only = valueOf(argv, i++)
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
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
  if (options.only && !options.dialogues) throw new Error(`--only goes with --dialogues\n${USAGE}`);
  if (options.dialogues && options.target !== 'chat')
    throw new Error('--dialogues plays the chat service; --target nlu does not apply');
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

/** The app as `npm start` runs it (same bootstrap), in this process, on a loopback port. */
export interface EvalService {
  url: string;
  /** The sports API the app talks to: the embedded simulator unless CHATBET_API_BASE_URL says otherwise. */
  sportsApiUrl: string;
  engine: string;
  close(): Promise<void>;
}

/**
 * Boots the real application over HTTP with the eval's environment (embedded simulator, offline
 * engine unless GOOGLE_API_KEY says otherwise, memory state unless REDIS_URL is set, quiet,
 * unthrottled; variables already set win), and waits for the NLU catalogue as the chat target does.
 */
export async function startEvalService(): Promise<EvalService> {
  for (const [key, value] of Object.entries({ ...EVAL_ENV, HOST: '127.0.0.1', PORT: '0' }))
    process.env[key] ??= value;
  const app = await createApp({ logs: false });
  try {
    const { data } = await app.get(SportsQueries).catalogue();
    app.get(NluService).useCatalogue(data);
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app.close();
    throw error;
  }
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    sportsApiUrl: app.get(SportsApiEndpoint).baseUrl,
    engine: JSON.stringify(describeEngine(app.get<ConfigType<typeof llmConfig>>(llmConfig.KEY))),
    close: () => app.close(),
  };
}

/** The API key the service wants, when it wants one (API_KEY, else the first of API_KEYS). */
function apiKeyHeaders(): Record<string, string> {
  const key = process.env.API_KEY ?? process.env.API_KEYS?.split(',')[0]?.trim();
  return key ? { 'x-api-key': key } : {};
}

/** Plays the dialogue file against a freshly started service and scores it. */
export async function runDialogues(
  file: string,
  options: { only?: string[]; limit?: number; out?: string; onDialogue?: (id: string) => void } = {},
): Promise<{
  run: DialogueRun;
  service: Pick<EvalService, 'url' | 'sportsApiUrl' | 'engine'>;
  cases: number;
}> {
  const cases = selectDialogues(parseDialogues(fs.readFileSync(file, 'utf8')), options.only).slice(
    0,
    options.limit,
  );
  const service = await startEvalService();
  try {
    const run = await playDialogues(cases, {
      chat: new HttpChatApi(service.url, apiKeyHeaders()),
      data: new SportsData(service.sportsApiUrl),
      onDialogue: (c) => options.onDialogue?.(c.id),
    });
    if (options.out) {
      fs.mkdirSync(path.dirname(options.out), { recursive: true });
      fs.writeFileSync(options.out, run.records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    }
    const { url, sportsApiUrl, engine } = service;
    return { run, service: { url, sportsApiUrl, engine }, cases: cases.length };
  } finally {
    await service.close();
  }
}

const noteOf = (options: Options) => (options.setNote ? ` (${options.setNote})` : '');

async function dialogueMain(options: Options & { dialogues: string }): Promise<void> {
  const started = performance.now();
  const progress = process.stderr.isTTY ? () => process.stderr.write('.') : undefined;
  const { run, service, cases } = await runDialogues(options.dialogues, { ...options, onDialogue: progress });
  if (progress) process.stderr.write('\n');
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  if (options.json) {
    console.log(
      JSON.stringify(
        {
          ...run.summary,
          turns_passed: run.turnsPassed,
          dialogues_passed: run.dialoguesPassed,
          counts: { by_category: run.byCategory, by_language: run.byLanguage },
          case_error_list: run.caseErrors,
          skipped_list: run.skipped,
          seconds,
          file: options.dialogues,
          ...(options.setNote ? { set: options.setNote } : {}),
        },
        null,
        2,
      ),
    );
    return;
  }
  console.log(
    `eval: ${cases} dialogues from ${options.dialogues}${noteOf(options)} · service ${service.url} · engine ${service.engine} · sports API ${service.sportsApiUrl} · ${seconds} s`,
  );
  if (options.out) console.log(`turns written to ${options.out}`);
  console.log(formatDialogueRun(run));
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.dialogues) return dialogueMain({ ...options, dialogues: options.dialogues });
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
  console.log(`eval: ${scored.length} cases from ${options.file}${noteOf(options)} · target ${target.name} · ${source}`);
  if (options.out) console.log(`predictions written to ${options.out}`);
  const report = computeReport(scored, latencies, cpuTimes);
  const answers =
    target instanceof ChatEvalTarget ? computeAnswerReport(scored, turns, betsPlaced) : undefined;
  const set = { file: options.file, ...(options.setNote ? { set: options.setNote } : {}) };
  if (options.json) console.log(JSON.stringify(answers ? { ...set, ...report, answers } : { ...set, ...report }, null, 2));
  else console.log(formatReport(report) + (answers ? `\n\n${formatAnswerReport(answers)}` : ''));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
