import { AIMessage, HumanMessage, SystemMessage, ToolMessage } from '@langchain/core/messages';
import { rememberTurnHints, renderTurnHints } from '../agent/turn-hints';
import { readTurn } from './conversation';

const hints = { language: 'en' as const, intent: 'USER_BALANCE_QUERY' as const, confidence: 0.9, entities: { teams: [], tournaments: [], dates: [], amounts: [], markets: [] }, today: '2026-12-01' };

function turnWith(tool: ToolMessage) {
  return readTurn([
    new SystemMessage(`You are ChatBet.\n${renderTurnHints(hints)}`),
    new HumanMessage('my balance'),
    new AIMessage({ content: '', tool_calls: [{ id: 'c1', name: 'get_user_balance', args: {}, type: 'tool_call' }] }),
    tool,
  ]);
}

describe('readTurn', () => {
  it('reads the hints, the user text and each tool result with the call that asked for it', () => {
    const turn = turnWith(new ToolMessage({ content: '{"balance":10,"currency":"USD"}', tool_call_id: 'c1' }));
    expect(turn.hints).toEqual(hints);
    expect(turn.userText).toBe('my balance');
    expect(turn.steps).toBe(1);
    expect(turn.outcomes).toEqual([{ name: 'get_user_balance', args: {}, ok: true, result: { balance: 10, currency: 'USD' } }]);
  });

  it('takes the hints a system message was rendered with in this process, and parses those of any other', () => {
    const rendered = new SystemMessage(`You are ChatBet.\n${renderTurnHints(hints)}`);
    rememberTurnHints(rendered, hints);
    expect(readTurn([rendered, new HumanMessage('my balance')]).hints).toBe(hints);
    const copied = new SystemMessage(rendered.content);
    const parsed = readTurn([copied, new HumanMessage('my balance')]).hints;
    expect(parsed).not.toBe(hints);
    expect(parsed).toEqual(hints);
  });

  it('takes the result from the artifact the tool runner keeps, when there is one', () => {
    const artifact = { balance: 12.5, currency: 'USD' };
    const turn = turnWith(new ToolMessage({ content: 'not json', artifact, tool_call_id: 'c1' }));
    expect(turn.outcomes[0].result).toBe(artifact);
  });

  it('marks unreadable and failed results as not ok', () => {
    expect(turnWith(new ToolMessage({ content: 'not json', tool_call_id: 'c1' })).outcomes[0]).toMatchObject({
      ok: false,
      result: { error: 'unreadable', message: 'not json' },
    });
    const failed = turnWith(new ToolMessage({ content: '{"error":"timeout","message":"slow"}', tool_call_id: 'c1', status: 'error' }));
    expect(failed.outcomes[0]).toMatchObject({ ok: false, result: { error: 'timeout' } });
  });
});
