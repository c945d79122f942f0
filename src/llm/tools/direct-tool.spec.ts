import { FakeSportsData } from '../../../test/support/llm/fake-sports-data';
import { BettingTools } from './betting-tools';
import { directCall } from './direct-tool';
import { ToolNameResolver } from './name-resolver';
import { ToolRunner } from './tool-runner';

const turn = { userId: 'user-1', language: 'en' as const };

function tools() {
  const data = new FakeSportsData();
  return new BettingTools(data, new ToolNameResolver(data)).all();
}

describe('direct tool calls', () => {
  it.each([
    ['get_odds', { team_a: 'Barcelona' }],
    ['get_user_balance', {}],
    ['calculate_payout', { stake: 10, odds: [1.5, 2] }],
    ['find_match', { team_a: 'Real Madrid' }],
  ])('%s answers exactly as through LangChain', async (name, args) => {
    const tool = tools().find((t) => t.name === name)!;
    const config = { signal: new AbortController().signal, configurable: { turn } };
    const viaLangChain: unknown = await tool.invoke(args, config);
    const direct = await directCall(tool)!(args, config);
    expect(direct).toEqual(viaLangChain);
  });

  it('validates arguments with the tool schema', async () => {
    const tool = tools().find((t) => t.name === 'calculate_payout')!;
    await expect(directCall(tool)!({ stake: -1, odds: [1.5] }, { configurable: { turn } })).rejects.toMatchObject({ name: 'ZodError' });
  });

  it('is what the runner uses while nothing listens to LangChain callbacks', async () => {
    const all = tools();
    const balance = all.find((t) => t.name === 'get_user_balance')!;
    const invoke = jest.spyOn(balance, 'invoke');
    const runner = new ToolRunner(all, turn, () => undefined, new AbortController().signal);
    const [message] = await runner.runAll([{ name: 'get_user_balance', args: {}, id: 'a', type: 'tool_call' }]);
    expect(JSON.parse(message.text)).toMatchObject({ balance: expect.any(Number) });
    expect(invoke).not.toHaveBeenCalled();
  });
});
