import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { emptyEntities } from '../src/common/protocol';
import { seedCatalogue } from '../src/nlu/catalogue/seed-catalogue';
import type { EvalPrediction } from './eval-case';
import type { EvalTarget } from './eval-target';
import { NluEvalTarget } from './nlu-target';
import { runEval } from './run-eval';

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
