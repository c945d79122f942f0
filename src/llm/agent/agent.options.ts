/** Limits of one agent turn; the module fills them from config, tests may shrink them. */
export abstract class AgentOptions {
  /** Model calls per turn, tool rounds included. */
  abstract readonly maxSteps: number;
  /** A model step fails with LLM_TIMEOUT when no chunk arrives for this long. */
  abstract readonly modelTimeoutMs: number;
  /** Retries of a model step on 429/5xx/connection errors, only before any text streamed. */
  abstract readonly maxRetries: number;
  abstract readonly retryInitialDelayMs: number;
  /**
   * What one turn may spend waiting, in total, for retry delays and the model request limiter; a
   * longer wait fails at once with LLM_UNAVAILABLE and a retry hint.
   */
  abstract readonly maxWaitMs: number;
  abstract readonly toolTimeoutMs: number;
}

export const DEFAULT_AGENT_OPTIONS: AgentOptions = {
  maxSteps: 4,
  modelTimeoutMs: 30_000,
  maxRetries: 2,
  retryInitialDelayMs: 400,
  maxWaitMs: 10_000,
  toolTimeoutMs: 10_000,
};
