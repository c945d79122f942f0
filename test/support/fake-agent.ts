import { LlmUnavailableError } from '../../src/common/errors';
import type { BetProposal, FunctionCall } from '../../src/common/protocol';
import { Agent, type AgentEvent, type AgentResult, type AgentTurnInput } from '../../src/llm/agent/agent.types';

/** What the fake model does for one turn. */
export interface AgentPlan {
  text: string;
  tools: Array<{ name: string; arguments: Record<string, unknown>; status?: 'ok' | 'error' }>;
  /** Pause between streamed words (and around tools). */
  delayMs: number;
  failWith?: Error;
  betProposal?: BetProposal;
  degraded?: boolean;
}

/**
 * A strict fake of the Agent port: streams a scripted answer word by word, emits tool events,
 * honours the AbortSignal (resolves stopped with the text so far) and records every call.
 */
export class FakeAgent extends Agent {
  readonly calls: AgentTurnInput[] = [];
  readonly abortedTurns: string[] = [];
  plan: (input: AgentTurnInput) => Partial<AgentPlan> = () => ({});
  private abortWaiters: Array<() => void> = [];

  /** Resolves once some turn has seen its signal abort. */
  nextAbort(): Promise<void> {
    return new Promise((resolve) => this.abortWaiters.push(resolve));
  }

  async run(input: AgentTurnInput, emit: (event: AgentEvent) => void, signal: AbortSignal): Promise<AgentResult> {
    this.calls.push(input);
    const plan: AgentPlan = { text: defaultAnswer(input), tools: [], delayMs: 2, ...this.plan(input) };
    const written: string[] = [];
    const functionCalls: FunctionCall[] = [];
    const stopped = (): AgentResult => {
      this.abortedTurns.push(input.messageId);
      for (const waiter of this.abortWaiters.splice(0)) waiter();
      return { text: written.join(''), functionCallsMade: functionCalls, tokenCount: written.length, suggestedActions: [], degraded: false, stopped: true };
    };
    for (const tool of plan.tools) {
      if (signal.aborted) return stopped();
      emit({ type: 'tool_call', name: tool.name, arguments: tool.arguments, status: 'started' });
      await sleep(plan.delayMs, signal);
      const status = tool.status ?? 'ok';
      emit({ type: 'tool_call', name: tool.name, arguments: tool.arguments, status, durationMs: plan.delayMs });
      functionCalls.push({ name: tool.name, arguments: tool.arguments, status, duration_ms: plan.delayMs });
    }
    if (plan.failWith) throw plan.failWith;
    for (const word of plan.text.match(/\S+\s*/g) ?? []) {
      if (signal.aborted) return stopped();
      await sleep(plan.delayMs, signal);
      if (signal.aborted) return stopped();
      written.push(word);
      emit({ type: 'delta', text: word });
    }
    return {
      text: written.join(''),
      functionCallsMade: functionCalls,
      tokenCount: written.length,
      suggestedActions: ['Show me the odds'],
      degraded: plan.degraded ?? false,
      stopped: false,
      ...(plan.betProposal ? { betProposal: plan.betProposal } : {}),
    };
  }
}

export function defaultAnswer(input: AgentTurnInput): string {
  return `You asked about "${input.message}". Arsenal play Chelsea on Saturday at 15:00 UTC and the home win pays 2.10 at the moment.`;
}

/** As the real agent reports it: the translated default sentence, the cause only in the log. */
export const llmDown = () => new LlmUnavailableError(undefined, { cause: new Error('model endpoint refused the connection') });

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
