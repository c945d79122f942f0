import type { AgentEvent } from '../agent/agent.types';
import { FakeSportsData } from '../../../test/support/llm/fake-sports-data';
import { BettingTools } from './betting-tools';
import { ToolNameResolver } from './name-resolver';
import { ToolRunner } from './tool-runner';

function runner(
  data = new FakeSportsData(),
  signal = new AbortController().signal,
  events: AgentEvent[] = [],
) {
  const tools = new BettingTools(data, new ToolNameResolver(data)).all();
  return new ToolRunner(tools, { userId: 'user-1', language: 'en' }, (e) => events.push(e), signal, 200);
}

describe('ToolRunner', () => {
  it('records calls in the order the model asked, whatever order they finish in', async () => {
    const data = new FakeSportsData();
    data.oddsDelayMs = 30;
    const r = runner(data);
    const messages = await r.runAll([
      { name: 'get_odds', args: { team_a: 'Barcelona' }, id: 'a', type: 'tool_call' },
      { name: 'get_user_balance', args: {}, id: 'b', type: 'tool_call' },
    ]);
    expect(r.ledger.calls.map((c) => c.name)).toEqual(['get_odds', 'get_user_balance']);
    expect(messages.map((m) => m.tool_call_id)).toEqual(['a', 'b']);
    expect(r.ledger.outputs[1]).toContain('1250.5');
  });

  it('answers bad arguments and unknown tools with an explanation, without marking the turn degraded', async () => {
    const events: AgentEvent[] = [];
    const r = runner(undefined, undefined, events);
    const [bad, unknown] = await r.runAll([
      { name: 'calculate_payout', args: { stake: -1, odds: [1.5] }, id: 'a', type: 'tool_call' },
      { name: 'place_bet', args: { stake: 1000 }, id: 'b', type: 'tool_call' },
    ]);
    expect(JSON.parse(bad.text)).toMatchObject({ error: 'invalid_arguments' });
    expect(JSON.parse(unknown.text)).toMatchObject({ error: 'unknown_tool' });
    expect(r.ledger.calls.map((c) => c.status)).toEqual(['error', 'error']);
    expect(r.ledger.degraded).toBe(false);
    expect(events.filter((e) => e.type === 'tool_call' && e.status === 'error')).toHaveLength(2);
  });

  it('turns a sports API failure into "not available right now" and marks the turn degraded', async () => {
    const data = new FakeSportsData();
    data.failAll = true;
    const r = runner(data);
    const [message] = await r.runAll([{ name: 'get_user_balance', args: {}, id: 'a', type: 'tool_call' }]);
    expect(JSON.parse(message.text)).toMatchObject({
      error: 'unavailable',
      message: expect.stringMatching(/not available right now/),
    });
    expect(r.ledger.degraded).toBe(true);
  });

  it('lets the turn abort reach a running tool', async () => {
    const data = new FakeSportsData();
    data.oddsDelayMs = 5_000;
    const controller = new AbortController();
    const r = runner(data, controller.signal);
    const running = r.runAll([
      { name: 'get_odds', args: { team_a: 'Barcelona' }, id: 'a', type: 'tool_call' },
    ]);
    setTimeout(() => controller.abort(), 10);
    await expect(running).rejects.toBeDefined();
  });
});
