import { type StructuredToolInterface, tool } from '@langchain/core/tools';
import type { z } from 'zod';
import { libraryFastPaths } from '../../common/fast-paths';

/** What a tool function gets besides its arguments: the turn's signal and who it acts for. */
export interface ToolCallConfig {
  signal?: AbortSignal;
  configurable?: Record<string, unknown>;
}

interface DirectTool {
  schema: z.ZodType;
  run: (input: unknown, config: ToolCallConfig) => Promise<unknown>;
}

const direct = new WeakMap<StructuredToolInterface, DirectTool>();

/**
 * A LangChain tool (what the model is bound to) that also keeps its plain function, so the tool
 * runner can call it without LangChain's per-call run tree, callback setup and context hop when
 * nothing listens to them: that plumbing is paid on every tool call for no reader (its share of
 * server CPU: bench/RESULTS.md). Arguments are validated by the same zod schema either way.
 */
export function bettingTool<S extends z.ZodObject>(
  run: (input: z.infer<S>, config: ToolCallConfig) => Promise<unknown>,
  fields: { name: string; description: string; schema: S },
): StructuredToolInterface {
  const made = tool(run, fields) as StructuredToolInterface;
  direct.set(made, { schema: fields.schema, run: run as DirectTool['run'] });
  return made;
}

/**
 * The tool's plain function with argument validation, when it was made by bettingTool and the
 * library fast paths are on (LIBRARY_FAST_PATHS, or `fastPaths` as the caller read it); otherwise
 * the runner invokes the tool publicly.
 */
export function directCall(
  made: StructuredToolInterface,
  fastPaths = libraryFastPaths(),
): ((args: Record<string, unknown>, config: ToolCallConfig) => Promise<unknown>) | undefined {
  const found = fastPaths ? direct.get(made) : undefined;
  if (!found) return undefined;
  // parse, not parseAsync: the tool schemas have no async checks (zod refuses one in parse, so a
  // new one would fail loudly), and the async path pays a promise per object it walks.
  return async (args, config) => found.run(found.schema.parse(args), config);
}
