import { FakeAgent } from '../../test/support/fake-agent';
import { FakeNlu } from '../../test/support/fakes/fake-nlu';
import type { DomainError } from '../common/errors';
import type { AgentEvent, AgentResult } from '../llm/agent/agent.types';
import { MetricsService } from '../metrics/metrics.service';
import { ChatMetrics } from './chat-metrics';
import { ChatService } from './chat.service';
import type { ChatResponse, TurnInput, TurnSink } from './chat.types';
import { RunningTurns } from './running-turns';
import { MemoryBetProposalStore } from './state/memory-bet-proposal.store';
import { MemoryConversationStore } from './state/memory-conversation.store';
import { MemoryTurnGuard } from './state/memory-turn.guard';

type Recorded = { accepted: number; deltas: string[]; finals: ChatResponse[]; errors: DomainError[] };

function recordingSink(): TurnSink & { got: Recorded } {
  const got: Recorded = { accepted: 0, deltas: [], finals: [], errors: [] };
  return {
    got,
    accepted: () => got.accepted++,
    delta: (text) => got.deltas.push(text),
    toolCall: () => undefined,
    final: (response) => got.finals.push(response),
    error: (error) => got.errors.push(error),
  };
}

describe('ChatService.turn', () => {
  let agent: FakeAgent;
  let nlu: FakeNlu;
  let conversations: MemoryConversationStore;
  let turns: RunningTurns;
  let service: ChatService;
  let metrics: MetricsService;
  const input = (overrides: Partial<TurnInput> = {}): TurnInput => ({ userId: 'u1', sessionId: 's1', message: 'When does Arsenal play?', ...overrides });

  beforeEach(() => {
    agent = new FakeAgent();
    nlu = new FakeNlu();
    conversations = new MemoryConversationStore(60_000);
    turns = new RunningTurns({ shutdownGraceMs: 300 } as never);
    metrics = new MetricsService();
    service = new ChatService(conversations, new MemoryTurnGuard(), new MemoryBetProposalStore(), nlu, agent, new ChatMetrics(metrics), turns, {
      maxMessageLength: 100,
    } as never);
  });

  it('ends an accepted turn with exactly one final even if the agent keeps emitting afterwards', async () => {
    let late: ((event: AgentEvent) => void) | undefined;
    agent.run = async (_input, emit): Promise<AgentResult> => {
      emit({ type: 'delta', text: 'Hi' });
      late = emit;
      return { text: 'Hi', functionCallsMade: [], tokenCount: 1, suggestedActions: [], degraded: false, stopped: false };
    };
    const sink = recordingSink();
    await service.turn(input(), sink);
    late!({ type: 'delta', text: ' late' });
    expect(sink.got).toMatchObject({ accepted: 1, deltas: ['Hi'], errors: [] });
    expect(sink.got.finals).toHaveLength(1);
  });

  it("puts the grounding guard's verdict on the final, and counts its corrections", async () => {
    const answer = (grounding: AgentResult['grounding']): AgentResult => ({
      text: 'Arsenal are 2.10.',
      functionCallsMade: [],
      tokenCount: 1,
      suggestedActions: [],
      degraded: false,
      stopped: false,
      grounding,
    });
    agent.run = async () => answer({ grounded: true, corrected: [], fallback: false });
    const clean = recordingSink();
    await service.turn(input({ messageId: 'g1' }), clean, new AbortController());
    expect(clean.got.finals[0].grounded).toBe(true);
    expect(clean.got.finals[0].grounding).toBeUndefined();

    agent.run = async () =>
      answer({
        grounded: false,
        corrected: [
          { kind: 'price', wrote: '3.30', fact: '2.10' },
          { kind: 'percent', wrote: '80%' },
        ],
        fallback: true,
      });
    const corrected = recordingSink();
    await service.turn(input({ messageId: 'g2', message: 'Odds for Arsenal?' }), corrected, new AbortController());
    expect(corrected.got.finals[0]).toMatchObject({
      grounded: false,
      grounding: { corrected: [{ kind: 'price', wrote: '3.30', fact: '2.10' }, { kind: 'percent', wrote: '80%' }], fallback: true },
    });
    const counted = await metrics.groundingCorrections.get();
    expect(counted.values.map((v) => [v.labels, v.value])).toEqual([
      [{ kind: 'price', action: 'replaced' }, 1],
      [{ kind: 'percent', action: 'fallback' }, 1],
    ]);
  });

  it('turns an agent that rejects after an abort into a stopped final with the text so far', async () => {
    const connection = {};
    agent.run = async (_input, emit) => {
      emit({ type: 'delta', text: 'Partial ' });
      turns.connectionClosed(connection);
      throw new Error('AbortError');
    };
    const sink = recordingSink();
    await service.turn(input(), sink, connection);
    expect(sink.got.errors).toEqual([]);
    expect(sink.got.finals[0]).toMatchObject({ message: 'Partial ', stopped: true });
  });

  it('reports a turn that acted on the bet slip as a bet, whatever the NLU made of its words', async () => {
    const withCalls = (name: string, status: 'ok' | 'error'): AgentResult => ({
      text: 'Done.',
      functionCallsMade: [{ name, arguments: {}, status, duration_ms: 1 }],
      tokenCount: 1,
      suggestedActions: [],
      degraded: false,
      stopped: false,
    });
    agent.run = async () => withCalls('update_bet_slip', 'ok');
    const changed = recordingSink();
    await service.turn(input({ messageId: 'i1', message: 'the other one then' }), changed);
    expect(changed.got.finals[0].detected_intent).toBe('BET_SIMULATION');

    agent.run = async () => withCalls('update_bet_slip', 'error');
    const failed = recordingSink();
    await service.turn(input({ messageId: 'i2', message: 'that other one' }), failed);
    expect(failed.got.finals[0].detected_intent).toBe('UNCLEAR');
  });

  it('keeps the one match an answer was about for the next message, and only for it', async () => {
    const answer = (match?: AgentResult['match']): AgentResult => ({
      text: 'Arsenal host Chelsea on Saturday at 17:30.',
      functionCallsMade: [],
      tokenCount: 1,
      suggestedActions: [],
      degraded: false,
      stopped: false,
      ...(match ? { match } : {}),
    });
    const match = { fixture_id: 'fx-41', home_team: 'Arsenal', away_team: 'Chelsea' };
    agent.run = async () => answer(match);
    await service.turn(
      input({ messageId: 'am1', message: 'When do Arsenal and Chelsea meet?' }),
      recordingSink(),
    );
    agent.run = async () => answer();
    await service.turn(input({ messageId: 'am2', message: 'and Chelsea odds?' }), recordingSink());
    await service.turn(input({ messageId: 'am3', message: 'my balance' }), recordingSink());

    expect(nlu.calls.map((c) => c.context.previous?.answerMatch)).toEqual([undefined, match, undefined]);
  });

  it('answers without NLU hints when the NLU throws', async () => {
    nlu.analyze = () => {
      throw new Error('model file missing');
    };
    const sink = recordingSink();
    await service.turn(input(), sink);
    expect(sink.got.finals[0]).toMatchObject({ detected_intent: 'UNCLEAR', language: 'en', intent_confidence: 0 });
  });

  it('still delivers the answer when persisting it fails', async () => {
    conversations.append = () => Promise.reject(new Error('redis went away'));
    const sink = recordingSink();
    await service.turn(input(), sink);
    expect(sink.got.finals).toHaveLength(1);
  });

  it("sends the turn's reads with the claim and the release behind the history write, without waiting for either", async () => {
    const log: string[] = [];
    const later = () => {
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      return { gate, open };
    };
    const claimGate = later();
    const appendGate = later();
    const { claim, context, append } = conversations;
    conversations.claim = async (...args) => {
      log.push('claim sent');
      const owned = await claim.apply(conversations, args);
      await claimGate.gate;
      log.push('claim answered');
      return owned;
    };
    conversations.context = (...args) => {
      log.push('context sent');
      return context.apply(conversations, args);
    };
    conversations.append = async (...args) => {
      log.push('append sent');
      await append.apply(conversations, args);
      await appendGate.gate;
      log.push('append answered');
    };
    const guard = new MemoryTurnGuard();
    const complete = guard.complete.bind(guard);
    guard.complete = (...args) => {
      log.push('complete sent');
      return complete(...args);
    };
    service = new ChatService(conversations, guard, new MemoryBetProposalStore(), nlu, agent, new ChatMetrics(metrics), turns, {
      maxMessageLength: 100,
    } as never);
    const sink = recordingSink();
    const turn = service.turn(input({ messageId: 'rt1' }), sink);
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await settle();
    expect(log).toEqual(['claim sent', 'context sent']);
    claimGate.open();
    // The fake agent answers on a timer; wait for the turn to reach its writes.
    while (!log.includes('complete sent') && !log.includes('append answered')) await new Promise((resolve) => setTimeout(resolve, 1));
    await settle();
    expect(log).toEqual(['claim sent', 'context sent', 'claim answered', 'append sent', 'complete sent']);
    expect(sink.got.finals).toHaveLength(0);
    appendGate.open();
    await turn;
    expect(log.at(-1)).toBe('append answered');
    expect(sink.got.finals).toHaveLength(1);
    // The pair is stored before the next turn of the session can read it.
    expect((await conversations.context('s1')).history.map((m) => m.role)).toEqual(['user', 'assistant']);
  });

  it.each([
    ['', 'INVALID_MESSAGE'],
    [' \n\t ', 'INVALID_MESSAGE'],
    ['x'.repeat(101), 'MESSAGE_TOO_LONG'],
    [42 as unknown as string, 'INVALID_MESSAGE'],
  ])('refuses %j without accepting it or calling the agent', async (message, code) => {
    const sink = recordingSink();
    await service.turn(input({ message }), sink);
    expect(sink.got.accepted).toBe(0);
    expect(sink.got.errors.map((e) => e.code)).toEqual([code]);
    expect(agent.calls).toHaveLength(0);
  });

  it('drains on shutdown: running turns finish within the grace period, longer ones end stopped, new ones are refused', async () => {
    agent.plan = (turn) => (turn.message.includes('long') ? { delayMs: 100 } : { text: 'Quick answer.' });
    const quick = recordingSink();
    const slow = recordingSink();
    const running = [
      service.turn(input({ sessionId: 'q', message: 'short answer' }), quick),
      service.turn(input({ sessionId: 'l', message: 'a long long answer' }), slow),
    ];
    await new Promise((r) => setTimeout(r, 10));
    await turns.onModuleDestroy();
    await Promise.all(running);
    expect(quick.got.finals[0].stopped).toBeUndefined();
    expect(slow.got.finals[0].stopped).toBe(true);
    const late = recordingSink();
    await service.turn(input({ sessionId: 'late' }), late);
    expect(late.got.errors.map((e) => e.code)).toEqual(['LLM_UNAVAILABLE']);
  });

  it('stops a running turn by its session, for its own user and message only', async () => {
    agent.plan = () => ({ delayMs: 20 });
    const sink = recordingSink();
    const running = service.turn(input({ messageId: 'm1' }), sink);
    await new Promise((r) => setTimeout(r, 10));
    expect(await turns.stop({ session_id: 's1', user_id: 'someone-else' })).toBe(false);
    expect(await turns.stop({ session_id: 's1', user_id: 'u1', message_id: 'm0' })).toBe(false);
    expect(await turns.stop({ session_id: 's1', user_id: 'u1', message_id: 'm1' })).toBe(true);
    await running;
    expect(sink.got.finals[0].stopped).toBe(true);
    expect(await turns.stop({ session_id: 's1', user_id: 'u1' })).toBe(false);
  });

  it('stops the turns of a closed connection and no others', async () => {
    agent.plan = () => ({ delayMs: 10 });
    const [closing, staying] = [{}, {}];
    const [closed, kept] = [recordingSink(), recordingSink()];
    const running = [
      service.turn(input({ sessionId: 'a' }), closed, closing),
      service.turn(input({ sessionId: 'b' }), kept, staying),
    ];
    await new Promise((r) => setTimeout(r, 5));
    turns.connectionClosed(closing);
    await Promise.all(running);
    expect(closed.got.finals[0].stopped).toBe(true);
    expect(kept.got.finals[0].stopped).toBeUndefined();
  });

  it('answers a repeated message_id that arrives while the first runs: REST waits for the same response, a stream is refused', async () => {
    agent.plan = () => ({ delayMs: 5 });
    const first = service.reply(input({ messageId: 'm1' }));
    const repeat = service.reply(input({ messageId: 'm1' }));
    await new Promise((r) => setTimeout(r, 1));
    const streamed = recordingSink();
    await service.turn(input({ messageId: 'm1' }), streamed);
    expect(streamed.got.errors.map((e) => e.code)).toEqual(['DUPLICATE_MESSAGE']);
    expect(await repeat).toEqual(await first);
    expect(agent.calls).toHaveLength(1);
  });

  describe('a repeated message_id whose first turn runs on another instance (one shared guard)', () => {
    let guard: MemoryTurnGuard;
    let other: ChatService;
    let otherTurns: RunningTurns;
    beforeEach(() => {
      guard = new MemoryTurnGuard();
      const proposals = new MemoryBetProposalStore();
      const build = (runs: RunningTurns) =>
        new ChatService(conversations, guard, proposals, nlu, agent, new ChatMetrics(metrics), runs, { maxMessageLength: 100 } as never);
      service = build(turns);
      otherTurns = new RunningTurns({ shutdownGraceMs: 300 } as never);
      other = build(otherTurns);
    });

    it('REST waits for the first response and replays it; a stream is refused at once', async () => {
      agent.plan = () => ({ delayMs: 15 });
      const first = service.reply(input({ messageId: 'x1' }));
      await new Promise((r) => setTimeout(r, 5));
      const repeat = other.reply(input({ messageId: 'x1' }));
      const streamed = recordingSink();
      await other.turn(input({ messageId: 'x1' }), streamed);
      expect(streamed.got.errors.map((e) => e.code)).toEqual(['DUPLICATE_MESSAGE']);
      expect(await repeat).toEqual(await first);
      expect(agent.calls).toHaveLength(1);
    });

    it('runs the repeat itself when the first turn fails and gives up its claim', async () => {
      let calls = 0;
      // The first fails after a slow tool, so the repeat is already waiting when it does.
      agent.plan = () => (++calls === 1 ? { delayMs: 20, tools: [{ name: 'get_odds', arguments: {} }], failWith: new Error('boom') } : {});
      const first = service.reply(input({ messageId: 'x2' }));
      await new Promise((r) => setTimeout(r, 2));
      const repeat = other.reply(input({ messageId: 'x2' }));
      await expect(first).rejects.toMatchObject({ code: 'INTERNAL_ERROR' });
      expect((await repeat).message_id).toBe('x2');
      expect(agent.calls).toHaveLength(2);
    });

    it('stops waiting when the repeat\'s caller hangs up', async () => {
      agent.plan = () => ({ delayMs: 40 });
      let firstEnded = false;
      const first = service.reply(input({ messageId: 'x3' })).finally(() => (firstEnded = true));
      await new Promise((r) => setTimeout(r, 5));
      const connection = {};
      const repeat = other.reply(input({ messageId: 'x3' }), connection);
      await new Promise((r) => setTimeout(r, 5));
      otherTurns.connectionClosed(connection);
      await expect(repeat).rejects.toMatchObject({ code: 'DUPLICATE_MESSAGE' });
      expect(firstEnded).toBe(false);
      expect((await first).message_id).toBe('x3');
    });
  });

  it('frees the session after a failed turn so the next message runs', async () => {
    agent.plan = () => ({ failWith: new Error('boom') });
    const first = recordingSink();
    await service.turn(input({ messageId: 'm1' }), first);
    expect(first.got.errors.map((e) => e.code)).toEqual(['INTERNAL_ERROR']);
    agent.plan = () => ({});
    const retry = recordingSink();
    await service.turn(input({ messageId: 'm1' }), retry);
    expect(retry.got.finals).toHaveLength(1);
  });
});
