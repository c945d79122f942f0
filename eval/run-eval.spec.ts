import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emptyEntities } from '../src/common/protocol';
import { seedCatalogue } from '../src/nlu/catalogue/seed-catalogue';
import type { EvalPrediction } from './eval-case';
import type { EvalTarget } from './eval-target';
import { NluEvalTarget } from './nlu-target';
import { INTENTS } from '../src/common/protocol';
import { parseDialogues } from './dialogue-case';
import { parseCases } from './eval-case';
import { parseArgs, runEval } from './run-eval';

/** Records what it is sent, per session, and echoes the message back as the "intent". */
class RecordingTarget implements EvalTarget {
  readonly name = 'recording';
  readonly sessions = new Map<string, string[]>();

  newSession(): string {
    const id = `s${this.sessions.size + 1}`;
    this.sessions.set(id, []);
    return id;
  }

  send(sessionId: string, text: string): Promise<EvalPrediction> {
    this.sessions.get(sessionId)!.push(text);
    return Promise.resolve({
      detected_intent: 'UNCLEAR',
      intent_confidence: 0.5,
      entities: emptyEntities(),
      language: 'en',
      latency_ms: 0.1,
      echo: text,
    });
  }
}

describe('runEval', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-'));
  const file = path.join(dir, 'cases.jsonl');
  const out = path.join(dir, 'out', 'predictions.jsonl');
  fs.writeFileSync(
    file,
    [
      JSON.stringify({ id: 'one', text: 'hello' }),
      '',
      JSON.stringify({
        id: 'two',
        context: ['odds for Arsenal vs Chelsea', 'and under 3.5?'],
        text: 'how much would 40 pay on them',
        intent: 'ODDS_INFORMATION_QUERY',
      }),
    ].join('\n'),
  );

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('plays the context first, in one fresh session per case, and writes one line per case', async () => {
    const target = new RecordingTarget();
    const { scored, latencies } = await runEval(target, file, out);
    expect([...target.sessions.values()]).toEqual([
      ['hello'],
      ['odds for Arsenal vs Chelsea', 'and under 3.5?', 'how much would 40 pay on them'],
    ]);
    expect(scored.map((s) => s.case.id)).toEqual(['one', 'two']);
    expect(latencies).toHaveLength(4);
    const lines = fs
      .readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[1]).toEqual({
      id: 'two',
      detected_intent: 'UNCLEAR',
      intent_confidence: 0.5,
      entities: emptyEntities(),
      language: 'en',
      echo: 'how much would 40 pay on them',
    });
  });

  it('carries the conversation through the NLU target', async () => {
    const target = NluEvalTarget.withCatalogue(seedCatalogue());
    const { scored } = await runEval(target, file);
    expect(scored[1].prediction).toMatchObject({
      detected_intent: 'ODDS_INFORMATION_QUERY',
      entities: { teams: ['Arsenal', 'Chelsea'], amounts: [40] },
    });
  });
});

describe('the default evaluation sets', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-root-'));
  const clone = path.join(root, 'clone');
  fs.mkdirSync(clone);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("uses the repository's own sets in a plain clone and says so", () => {
    const options = parseArgs([], clone);
    expect(options.file).toBe(path.join(clone, 'eval/sets/dev.jsonl'));
    expect(options.setNote).toContain("repository's set");
    expect(parseArgs(['--dialogues'], clone).dialogues).toBe(path.join(clone, 'eval/sets/dialogues.jsonl'));
  });

  it('prefers ../shared/eval beside the clone, and names neither for a file given', () => {
    fs.mkdirSync(path.join(root, 'shared/eval'), { recursive: true });
    for (const name of ['dev', 'dialogues']) fs.writeFileSync(path.join(root, `shared/eval/${name}.jsonl`), '');
    expect(parseArgs([], clone)).toMatchObject({ file: path.join(root, 'shared/eval/dev.jsonl'), setNote: expect.stringContaining('shared') });
    expect(parseArgs(['--dialogues', '--json'], clone).dialogues).toBe(path.join(root, 'shared/eval/dialogues.jsonl'));
    expect(parseArgs(['--file', 'mine.jsonl'], clone).setNote).toBeUndefined();
  });

  it("keeps the repository's sets well-formed: every intent, all three languages, every dialogue category", () => {
    const repo = path.resolve(__dirname, 'sets');
    const cases = parseCases(fs.readFileSync(path.join(repo, 'dev.jsonl'), 'utf8'));
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) expect(INTENTS).toContain(c.intent);
    expect(new Set(cases.map((c) => c.intent))).toEqual(new Set(INTENTS));
    expect(new Set(cases.map((c) => c.lang ?? 'en'))).toEqual(new Set(['en', 'es', 'pt_br']));
    const dialogues = parseDialogues(fs.readFileSync(path.join(repo, 'dialogues.jsonl'), 'utf8'));
    expect(new Set(dialogues.map((d) => d.category))).toEqual(
      new Set(['bet_slip', 'markets', 'coverage', 'follow_ups', 'recommendations', 'time_money', 'clarify']),
    );
    expect(new Set(dialogues.map((d) => d.lang))).toEqual(new Set(['en', 'es', 'pt_br']));
  });
});
