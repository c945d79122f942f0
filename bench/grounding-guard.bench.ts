/**
 * `npx ts-node --transpile-only bench/grounding-guard.bench.ts`: what the grounding guard costs.
 * Boots the eval target (the whole app on the offline engine and the embedded simulator), asks each
 * bench question once to get a real answer with its tool results, then replays each answer through
 * a fresh guard — as the offline engine streams it (one chunk) and as a model does (a delta per
 * word) — and prints the CPU time per answer next to the CPU time of the whole turn. CPU time,
 * min and median of rounds: other processes on the machine stretch the wall clock, and the min is
 * the run they disturbed least.
 *
 * Knobs: GUARD_BENCH_ROUNDS (15), GUARD_BENCH_BATCH (200 answers per round).
 */
import { randomUUID } from 'node:crypto';
import type { ChatResponse } from '../src/chat/chat.types';
import { GroundingGuard, type GroundingSources } from '../src/llm/grounding/grounding-guard';
import { ChatEvalTarget } from '../eval/chat-target';
import { BENCH_QUESTIONS } from './lib/questions';

interface Replayable {
  question: string;
  answer: string;
  words: string[];
  sources: GroundingSources;
}

const cpuMicros = () => {
  const used = process.cpuUsage();
  return used.user + used.system;
};

/** Min and median CPU µs per call of `work`, over rounds of `batch` calls. */
async function measure(work: () => unknown, rounds: number, batch: number): Promise<[number, number]> {
  for (let i = 0; i < batch; i++) await work();
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = cpuMicros();
    for (let i = 0; i < batch; i++) await work();
    samples.push((cpuMicros() - started) / batch);
  }
  samples.sort((a, b) => a - b);
  return [samples[0], samples[Math.floor(samples.length / 2)]];
}

async function main(): Promise<void> {
  for (const [key, value] of Object.entries({ ENVIRONMENT: 'test', LOG_LEVEL: 'silent' })) process.env[key] ??= value;
  const rounds = Number(process.env.GUARD_BENCH_ROUNDS ?? 15);
  const batch = Number(process.env.GUARD_BENCH_BATCH ?? 200);
  const target = await ChatEvalTarget.boot();
  const internals = target as unknown as {
    chat: { reply(input: unknown, stop: AbortController): Promise<ChatResponse> };
    agent: { take(messageId: string): string[] };
  };
  const ask = async (question: string) => {
    const messageId = randomUUID();
    const response = await internals.chat.reply(
      { userId: 'guard-bench', sessionId: randomUUID(), messageId, message: question, transport: 'socketio' },
      new AbortController(),
    );
    return { response, results: internals.agent.take(messageId) };
  };
  const answers: Replayable[] = [];
  for (const question of BENCH_QUESTIONS) {
    const { response, results } = await ask(question);
    if (response.grounded !== true) throw new Error(`the guard corrected the offline answer to "${question}"`);
    answers.push({
      question,
      answer: response.message,
      words: response.message.match(/\S+\s*/g) ?? [],
      sources: {
        language: response.language,
        results: results.map((r) => JSON.parse(r) as unknown),
        userStakes: response.entities.amounts,
        userMessage: question,
      },
    });
  }
  console.log('CPU µs per answer (min / median); the turn is the whole chat turn on the offline engine');
  for (const a of answers) {
    const replay = (deltas: string[]) => () => {
      const guard = new GroundingGuard(a.sources, () => undefined, () => '');
      for (const d of deltas) guard.push(d);
      return guard.finish();
    };
    const [chunkMin, chunkMedian] = await measure(replay([a.answer]), rounds, batch);
    const [wordsMin, wordsMedian] = await measure(replay(a.words), rounds, batch);
    const [turnMin, turnMedian] = await measure(() => ask(a.question), rounds, Math.max(10, batch / 10));
    console.log(
      `${a.question.padEnd(46)} ${String(a.answer.length).padStart(4)} chars  one chunk ${chunkMin.toFixed(1)} / ${chunkMedian.toFixed(1)}  ` +
        `per word (${a.words.length}) ${wordsMin.toFixed(1)} / ${wordsMedian.toFixed(1)}  turn ${turnMin.toFixed(0)} / ${turnMedian.toFixed(0)}`,
    );
  }
  const prose = 'Plain prose the model writes without any figure in it, word after word. '.repeat(8).match(/\S+\s*/g)!;
  const [proseMin] = await measure(
    () => {
      const guard = new GroundingGuard({ language: 'en', results: [], userStakes: [], userMessage: '' }, () => undefined, () => '');
      for (const word of prose) guard.push(word);
      return guard.finish();
    },
    rounds,
    batch * 5,
  );
  console.log(`prose without digits: ${((proseMin / prose.length) * 1000).toFixed(0)} ns CPU per delta (min)`);
  await target.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
