/*
 * Who would see a LangChain call: LangSmith tracing, or callback handlers on a model, a tool or a
 * run config. When nothing does, the agent takes the direct paths (stream-chunks.ts,
 * tool-runner.ts) that skip LangChain's per-call bookkeeping; with anything listening, the
 * standard paths run and traces stay complete.
 */
import { getEnvironmentVariable } from '@langchain/core/utils/env';

/** LangChain's own test (utils/callbacks, not exported): any of these set to "true" turns tracing on. */
const TRACING_VARIABLES = ['LANGSMITH_TRACING_V2', 'LANGCHAIN_TRACING_V2', 'LANGSMITH_TRACING', 'LANGCHAIN_TRACING'];

/**
 * LangSmith tracing, read from the environment as LangChain reads it. A process.env read is a
 * native property lookup of a microsecond or two: a turn asks once and passes the answer down.
 */
export function tracingEnabled(): boolean {
  return TRACING_VARIABLES.some((name) => getEnvironmentVariable(name) === 'true');
}

/** True when a `callbacks` value (a list of handlers, or a callback manager) holds any handler. */
export function hasHandlers(callbacks: unknown): boolean {
  if (!callbacks) return false;
  if (Array.isArray(callbacks)) return callbacks.length > 0;
  const manager = callbacks as { handlers?: unknown[] };
  return (manager.handlers?.length ?? 1) > 0;
}
