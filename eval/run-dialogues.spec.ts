import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { TurnRecord } from './dialogue-scorer';
import { parseArgs, runDialogues } from './run-eval';

describe('npm run eval -- --dialogues', () => {
  it('reads the dialogue flags', () => {
    expect(parseArgs(['--dialogues', 'd.jsonl', '--only', 'x, y', '--json'])).toMatchObject({
      dialogues: path.resolve('d.jsonl'),
      only: ['x', 'y'],
      json: true,
    });
    expect(parseArgs(['--dialogues', 'd.jsonl']).setNote).toBeUndefined();
    expect(() => parseArgs(['--only', 'x'])).toThrow('--only goes with --dialogues');
    expect(() => parseArgs(['--dialogues', 'd.jsonl', '--target', 'nlu'])).toThrow(
      '--target nlu does not apply',
    );
  });

  /** The real app over HTTP on the embedded simulator and the offline engine, as `npm run eval` runs it. */
  describe('on the app started in-process', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-dialogues-'));
    const file = path.join(dir, 'dialogues.jsonl');
    const out = path.join(dir, 'out', 'turns.jsonl');
    fs.writeFileSync(
      file,
      [
        {
          id: 'hello',
          lang: 'en',
          category: 'smalltalk',
          turns: [
            {
              user: 'good afternoon!',
              expect: { intent: 'GREETING', proposal: 'none', no_bet_placed: true },
            },
          ],
        },
        {
          id: 'slip',
          lang: 'en',
          category: 'bet_slip',
          turns: [
            {
              user: 'put 20 on Arsenal to win',
              expect: { proposal: { stake: 20, team: 'Arsenal', outcome: 'win' } },
            },
            {
              user: 'go on then, place it for me',
              expect: { no_bet_placed: true, proposal_withdrawn: true },
            },
            { user: 'thanks', expect: { made_up_key: true } },
          ],
        },
        {
          id: 'not-played',
          lang: 'es',
          category: 'bet_slip',
          turns: [{ user: 'hola', expect: { intent: 'UNCLEAR' } }],
        },
      ]
        .map((c) => JSON.stringify(c))
        .join('\n'),
    );
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('plays the chosen dialogues through REST, scores them against the simulator and writes each turn', async () => {
      const { run, service, cases } = await runDialogues(file, { only: ['hello', 'slip'], out });
      expect(cases).toBe(2);
      expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(service.sportsApiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const records = fs
        .readFileSync(out, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as TurnRecord);
      expect(records.map((r) => `${r.id}:${r.turn}`)).toEqual(['hello:1', 'slip:1', 'slip:2', 'slip:3']);
      const [hello, bet, again, thanks] = records;
      expect(hello.checks).toEqual({
        intent: [true, 'intent GREETING'],
        proposal: [true, 'has a bet_proposal'],
        no_bet_placed: [true, '0 bet(s) placed'],
      });
      // The slip is on Arsenal's next fixture, Arsenal's side; the second turn ran in the same session.
      expect(bet.checks.proposal[0]).toBe(true);
      expect(bet.proposal?.stake).toBe(20);
      expect(again.checks.no_bet_placed).toEqual([true, '0 bet(s) placed']);
      // Scored by confirming the first slip through POST /api/v1/bets/{id}/confirm: a verdict either way.
      expect(again.checks.proposal_withdrawn[0]).not.toBeNull();
      expect(again.checks.proposal_withdrawn[1]).toMatch(/^confirm/);
      expect(thanks.checks).toEqual({ made_up_key: [null, 'unknown key made_up_key'] });
      expect(run.summary).toMatchObject({ dialogues: 2, bets_placed_by_chat: 0, case_errors: 1, skipped: 0 });
      expect(run.summary.turns_checked).toBe(3);
      expect(run.byCategory.smalltalk).toEqual({ pass: 1, n: 1 });
    }, 60_000);
  });
});
