/**
 * `npx ts-node --transpile-only bench/turn-ab.ts DIR_A [DIR_B …]`: the cost of one chat turn for
 * each compiled tree, side by side in one process. Each DIR is a checkout where
 * `npx tsc -p tsconfig.bench.json` has built `dist-bench/`; its eval target (the whole AppModule on
 * the offline engine and the embedded simulator, without the socket gateways) is booted, and
 * batches of turns per bench question alternate between the trees, so a VM whose speed drifts
 * (bench/RESULTS.md) slows every tree alike. Prints the median µs per turn of each question, by the
 * wall clock and by the process's CPU time: when other work shares the machine, a batch's wall
 * time also counts the time the process waited for a core, its CPU time does not. Each later tree
 * is also compared batch by batch with the first (the median of the paired ratios).
 *
 * With TURN_AB_ENGINE=gemini the trees run the Gemini engine instead, against the Gemini protocol
 * test server in this process: every answer is the bench's 40 tokens, one SSE event each, 1 ms
 * apart (so each is read on its own, as under a real model's pace). Compare CPU µs there: the wall
 * time is mostly those gaps.
 *
 * TURN_AB_TIMEZONE=America/Sao_Paulo sends the user's zone with every message, as the web page does
 * (times are then written on that clock).
 *
 * Where a tree is booted moves its figure: two checkouts of one commit read 3–4 % apart in the order
 * A B, and the middle one 15–19 % slower in A B A, where A's code runs twice as often as B's in
 * the library code both share (bench/RESULTS.md, 2026-12-06). So with exactly two trees the run is
 * repeated in a child process with the trees booted the other way round, and the two paired ratios
 * are combined (their geometric mean), which cancels the boot order; give three or more trees for
 * one process only. An A/A check is two checkouts of the same commit.
 *
 * Knobs: TURN_AB_ROUNDS (12; the first two are warm-up), TURN_AB_BATCH (40 turns per question),
 * TURN_AB_ENGINE (offline | gemini), TURN_AB_TIMEZONE (none).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startGeminiServer } from '../test/support/gemini-server';
import { PACED_ANSWER_TOKENS } from './lib/paced-chat-model';
import { BENCH_QUESTIONS } from './lib/questions';

const TIMEZONE = process.env.TURN_AB_TIMEZONE;

interface Tree {
  dir: string;
  target: { close(): Promise<void> };
  reply(message: string): Promise<unknown>;
  samples: number[][];
  /** CPU µs per turn, per question. */
  cpu: number[][];
}

async function boot(dir: string): Promise<Tree> {
  // Each tree resolves its own modules (and prompts, from its own working directory).
  process.chdir(dir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ChatEvalTarget } = require(join(dir, 'dist-bench/eval/chat-target')) as typeof import('../eval/chat-target');
  const target = await ChatEvalTarget.boot();
  const chat = (target as unknown as { chat: { reply(input: unknown, stop: unknown): Promise<unknown>; turn: { toString(): string } } }).chat;
  // Trees from before ChatService.turn took the transport's AbortController take its signal.
  const takesSignal = /turn\(input, sink, signal\)/.test(chat.turn.toString());
  return {
    dir,
    target,
    reply: (message) => {
      const stop = new AbortController();
      const input = { userId: 'ab-user', sessionId: randomUUID(), messageId: randomUUID(), message, transport: 'socketio', ...(TIMEZONE ? { timezone: TIMEZONE } : {}) };
      return chat.reply(input, takesSignal ? stop.signal : stop);
    },
    samples: BENCH_QUESTIONS.map(() => []),
    cpu: BENCH_QUESTIONS.map(() => []),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  for (const [key, value] of Object.entries({ ENVIRONMENT: 'test', LOG_LEVEL: 'silent' })) process.env[key] ??= value;
  const gemini = process.env.TURN_AB_ENGINE === 'gemini' ? await startGeminiServer() : undefined;
  if (gemini) {
    gemini.always({
      kind: 'stream',
      chunks: PACED_ANSWER_TOKENS.flatMap((text, i) => (i === 0 ? [{ text }] : [1, { text }])),
      usage: { promptTokenCount: 900, candidatesTokenCount: 40, totalTokenCount: 940 },
    });
    Object.assign(process.env, { LLM_PROVIDER: 'gemini', GOOGLE_API_KEY: 'bench', GEMINI_BASE_URL: gemini.url, LLM_TIMEOUT_MS: '30000' });
  }
  const dirs = process.argv.slice(2).map((d) => resolve(d));
  if (dirs.length === 0) throw new Error('usage: turn-ab.ts DIR_A [DIR_B …] (each with dist-bench/ built)');
  const trees: Tree[] = [];
  for (const dir of dirs) trees.push(await boot(dir));
  const rounds = Number(process.env.TURN_AB_ROUNDS ?? 12);
  const batch = Number(process.env.TURN_AB_BATCH ?? 40);
  for (let round = 0; round < rounds; round++) {
    for (const [q, question] of BENCH_QUESTIONS.entries()) {
      // Alternate who goes first, so neither always runs on a warmer cache.
      for (const tree of round % 2 ? [...trees].reverse() : trees) {
        const started = performance.now();
        const cpuBefore = process.cpuUsage();
        for (let i = 0; i < batch; i++) await tree.reply(question);
        const cpu = process.cpuUsage(cpuBefore);
        if (round >= 2) {
          tree.samples[q].push(((performance.now() - started) / batch) * 1000);
          tree.cpu[q].push((cpu.user + cpu.system) / batch);
        }
      }
    }
  }
  const [first] = trees;
  const pairedRatio = { wall: NaN, cpu: NaN };
  for (const tree of trees) {
    console.log(tree.dir);
    for (const [clock, samples] of [['wall', tree.samples], ['cpu', tree.cpu]] as const) {
      const perQuestion = samples.map(median);
      const mean = perQuestion.reduce((a, b) => a + b, 0) / perQuestion.length;
      console.log(`  ${clock.padEnd(4)} mean ${Math.round(mean)} µs per turn; per question ${perQuestion.map(Math.round).join(' / ')}`);
    }
    if (tree === first) continue;
    // Each batch against the first tree's batch of the same question and round, run next to it:
    // a load that comes and goes moves both, so the ratio is steadier than two separate medians.
    for (const clock of ['wall', 'cpu'] as const) {
      const mine = clock === 'wall' ? tree.samples : tree.cpu;
      const theirs = clock === 'wall' ? first.samples : first.cpu;
      const ratios = mine.flatMap((batches, q) => batches.map((us, i) => us / theirs[q][i]));
      pairedRatio[clock] = median(ratios);
      console.log(`  paired: ${percent(median(ratios))} against ${first.dir} (median of ${ratios.length} batch pairs, ${clock})`);
    }
  }
  for (const tree of trees) await tree.target.close();
  await gemini?.stop();
  if (dirs.length === 2 && !process.env.TURN_AB_REVERSED) bothOrders(dirs, pairedRatio);
}

const percent = (ratio: number) => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)} %`;

/** Runs the comparison again with the trees booted the other way round, and combines the two. */
function bothOrders([a, b]: string[], bAgainstA: { wall: number; cpu: number }): void {
  console.log(`\nthe same with ${b} booted first (a child process):`);
  const output = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, b, a], {
    env: { ...process.env, TURN_AB_REVERSED: '1', TS_NODE_TRANSPILE_ONLY: 'true' },
    encoding: 'utf8',
  });
  process.stdout.write(output);
  const aAgainstB = (clock: string) => 1 + Number(new RegExp(`paired: ([-+\\d.]+) % against .*, ${clock}\\)`).exec(output)![1]) / 100;
  console.log(`\n${b} against ${a}, boot order cancelled (geometric mean of both orders):`);
  for (const clock of ['wall', 'cpu'] as const) console.log(`  ${clock.padEnd(4)} ${percent(Math.sqrt(bAgainstA[clock] / aAgainstB(clock)))}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
