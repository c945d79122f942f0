import { performance } from 'node:perf_hooks';
import { Agent, type AgentEvent, type AgentResult, type AgentTurnInput } from '../src/llm/agent/agent.types';
import { NluService } from '../src/nlu/nlu.service';
import type { NluContext, NluResult } from '../src/nlu/nlu.types';

/**
 * Decorators the eval puts around the app's own Agent and NLU (through Nest provider overrides),
 * so it can read what the wire response leaves out — the raw tool results for the groundedness
 * check, the NLU time — without the chat pipeline growing eval-only fields.
 */

/** Keeps each turn's raw tool results, keyed by message id, until the eval takes them. */
export class RecordingAgent extends Agent {
  private readonly toolResults = new Map<string, string[]>();

  constructor(private readonly inner: Agent) {
    super();
  }

  async run(
    input: AgentTurnInput,
    emit: (event: AgentEvent) => void,
    signal: AbortSignal,
  ): Promise<AgentResult> {
    const result = await this.inner.run(input, emit, signal);
    this.toolResults.set(input.messageId, result.toolResults ?? []);
    return result;
  }

  /** The tool results of a finished turn (empty when the agent never ran for it). */
  take(messageId: string): string[] {
    const results = this.toolResults.get(messageId) ?? [];
    this.toolResults.delete(messageId);
    return results;
  }
}

/**
 * The app's NLU, timed: the eval reads the time of the message it just sent. A subclass rather
 * than a wrapper because the app reaches the NLU both as NluService and as its port alias.
 */
export class TimedNluService extends NluService {
  /** Wall clock of the last analysis, in ms. */
  lastMs = 0;
  /** CPU time of the last analysis, in ms (immune to other processes on a busy machine). */
  lastCpuMs = 0;

  override analyze(text: string, context: NluContext): NluResult {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    try {
      return super.analyze(text, context);
    } finally {
      this.lastMs = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      this.lastCpuMs = (cpu.user + cpu.system) / 1000;
    }
  }
}
