import { ToolMessage } from '@langchain/core/messages';
import type { ToolCall } from '@langchain/core/messages/tool';
import { type StructuredToolInterface, ToolInputParsingException } from '@langchain/core/tools';
import { type LinkedSignal, linkSignals } from '../../common/abort';
import { memoizeByObject } from '../../common/memo';
import type { BetProposal, FunctionCall } from '../../common/protocol';
import type { AgentEvent } from '../agent/agent.types';
import { publicPathsOnly } from '../model/langchain-fast-path';
import type { ToolTurn } from './betting-tools';
import { directCall } from './direct-tool';
import { abortable, ToolFailure } from './tool-failure';
import type { ToolErrorResult } from './tool-views';
import { traced, tracingOn } from '../../tracing/tracing';

export const DEFAULT_TOOL_TIMEOUT_MS = 10_000;

/** The tools of a binding by name, built once: the agent hands the same tool list to every turn. */
const toolsByName = memoizeByObject(
  (tools: StructuredToolInterface[]) => new Map(tools.map((t): [string, StructuredToolInterface] => [t.name, t])),
);

/** What the turn learnt from its tool calls, for the final result and the groundedness check. */
export interface ToolLedger {
  calls: FunctionCall[];
  /** Raw JSON of every tool result, in order. */
  outputs: string[];
  /** The same results as the tools returned them, for the grounding guard (no JSON to parse back). */
  results: unknown[];
  degraded: boolean;
  /** The last slip a tool proposed, changed or offered again. */
  proposal?: BetProposal;
  /** The slip a tool withdrew (the one open when the turn began). */
  withdrawnProposalId?: string;
}

/**
 * Runs the tool calls of one model step: all in parallel, each under its own timeout and the
 * turn's abort signal, each announced with started/ok/error events. A failing tool becomes a
 * ToolMessage saying what went wrong, so the model can explain it instead of the turn failing.
 */
export class ToolRunner {
  readonly ledger: ToolLedger = { calls: [], outputs: [], results: [], degraded: false };
  private readonly byName: Map<string, StructuredToolInterface>;

  /** @param publicOnly publicPathsOnly() as the turn read it: tools then run through LangChain. */
  constructor(
    tools: StructuredToolInterface[],
    private readonly turn: ToolTurn,
    private readonly emit: (event: AgentEvent) => void,
    private readonly signal: AbortSignal,
    private readonly timeoutMs = DEFAULT_TOOL_TIMEOUT_MS,
    private readonly publicOnly = publicPathsOnly(),
  ) {
    this.byName = toolsByName(tools);
  }

  async runAll(toolCalls: ToolCall[]): Promise<ToolMessage[]> {
    // Slots are taken in call order, so function_calls_made reads in the order the model asked.
    const first = this.ledger.calls.length;
    // The calls start together, so one deadline (and one abort signal) serves them all.
    const deadline = linkSignals([this.signal], this.timeoutMs);
    try {
      return await Promise.all(
        toolCalls.map((call, i) => this.runOne(call, call.id ?? `call_${first + i}`, first + i, deadline)),
      );
    } finally {
      deadline.dispose();
    }
  }

  private runOne(call: ToolCall, id: string, slot: number, deadline: LinkedSignal): Promise<ToolMessage> {
    if (!tracingOn()) return this.execute(call, id, slot, deadline);
    return traced('tool.call', { 'gen_ai.tool.name': call.name }, async (span) => {
      const message = await this.execute(call, id, slot, deadline);
      span.setAttribute('chatbet.tool.status', message.status === 'success' ? 'ok' : 'error');
      return message;
    });
  }

  private async execute(call: ToolCall, id: string, slot: number, deadline: LinkedSignal): Promise<ToolMessage> {
    const args = (call.args ?? {}) as Record<string, unknown>;
    this.emit({ type: 'tool_call', name: call.name, arguments: args, status: 'started' });
    const started = performance.now();
    const signal = deadline.signal;
    let output: unknown;
    let ok = true;
    try {
      const tool = this.byName.get(call.name);
      if (!tool) throw new ToolFailure('unknown_tool', `There is no tool called ${call.name}.`);
      const config = { signal, configurable: { turn: this.turn } };
      const direct = this.publicOnly ? undefined : directCall(tool, true);
      output = await abortable(direct ? direct(args, config) : (tool.invoke(args, config) as Promise<unknown>), signal);
    } catch (error) {
      if (this.signal.aborted) throw error;
      ok = false;
      output = this.describeFailure(call.name, error, deadline.timedOut);
    }
    const durationMs = Math.round(performance.now() - started);
    const content = typeof output === 'string' ? output : JSON.stringify(output);
    this.record(slot, call.name, args, ok, durationMs, output, content);
    this.emit({
      type: 'tool_call',
      name: call.name,
      arguments: args,
      status: ok ? 'ok' : 'error',
      durationMs,
    });
    // The content is what a model reads; the artifact keeps the same result as data for the offline engine.
    return new ToolMessage({ content, artifact: output, tool_call_id: id, name: call.name, status: ok ? 'success' : 'error' });
  }

  private describeFailure(name: string, error: unknown, timedOut: boolean): ToolErrorResult {
    if (timedOut) {
      this.ledger.degraded = true;
      return {
        error: 'timeout',
        message: `The sportsbook did not answer in time (${name}, limit ${this.timeoutMs} ms). The data is not available right now.`,
      };
    }
    if (error instanceof ToolFailure) return { error: error.code, message: error.message, ...error.facts };
    const err = error as Error;
    if (error instanceof ToolInputParsingException || err?.name === 'ZodError') {
      return {
        error: 'invalid_arguments',
        message: `Invalid arguments for ${name}: ${err.message}`.slice(0, 400),
      };
    }
    this.ledger.degraded = true;
    return {
      error: 'unavailable',
      message: 'The sportsbook data is not available right now. Please try again in a moment.',
    };
  }

  private record(
    slot: number,
    name: string,
    args: Record<string, unknown>,
    ok: boolean,
    durationMs: number,
    output: unknown,
    content: string,
  ): void {
    this.ledger.calls[slot] = { name, arguments: args, status: ok ? 'ok' : 'error', duration_ms: durationMs };
    this.ledger.outputs[slot] = content;
    this.ledger.results[slot] = output;
    if (ok && typeof output === 'object' && output !== null) {
      const record = output as { stale?: boolean; proposal?: BetProposal; withdrawn_proposal_id?: string };
      if (record.stale) this.ledger.degraded = true;
      if (record.proposal) this.ledger.proposal = record.proposal;
      this.ledger.withdrawnProposalId ??= record.withdrawn_proposal_id;
    }
  }
}
