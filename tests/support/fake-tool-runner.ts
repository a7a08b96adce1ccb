import type { ToolCall, ToolDefinition } from '../../src/core/types';
import type { ExecuteOptions, ToolResult, ToolRunner } from '../../src/core/tool-runner';
import { TabagentError } from '../../src/core/errors';

export interface FakeTool {
  definition: ToolDefinition;
  sideEffects?: boolean;
  run: (args: Record<string, unknown>, signal: AbortSignal) => Promise<unknown>;
}

/** A minimal ToolRunner for core tests: checks required properties only, records every run. */
export function createFakeToolRunner(tools: FakeTool[]): ToolRunner & { runs: ToolCall[]; maxConcurrent: number } {
  const byName = new Map(tools.map((tool) => [tool.definition.name, tool]));
  let inFlight = 0;
  const runner = {
    runs: [] as ToolCall[],
    maxConcurrent: 0,
    definitions: () => tools.map((tool) => tool.definition),
    requiresApproval: (name: string) => byName.get(name)?.sideEffects === true,
    validate(name: string, args: Record<string, unknown>) {
      const tool = byName.get(name);
      if (!tool) return { ok: false as const, message: `Unknown tool "${name}".` };
      const required = (tool.definition.parameters.required as string[] | undefined) ?? [];
      const missing = required.filter((key) => !(key in args));
      return missing.length === 0 ? { ok: true as const } : { ok: false as const, message: `Missing ${missing.join(', ')}.` };
    },
    async execute(call: ToolCall, options: ExecuteOptions = {}): Promise<ToolResult> {
      const tool = byName.get(call.name);
      const signal = options.signal ?? new AbortController().signal;
      if (!tool) return { content: '{"error":"unknown"}', isError: true, durationMs: 0 };
      if (tool.sideEffects) {
        const decision = options.approve ? await options.approve(Object.freeze(structuredClone(call)), signal) : 'deny';
        if (decision !== 'allow') {
          return { content: '{"error":"denied"}', isError: true, error: new TabagentError('denied', 'Denied.'), durationMs: 0 };
        }
      }
      runner.runs.push(call);
      inFlight += 1;
      runner.maxConcurrent = Math.max(runner.maxConcurrent, inFlight);
      try {
        const value = await tool.run(call.arguments, signal);
        return { content: JSON.stringify(value), isError: false, durationMs: 1 };
      } catch (error) {
        return { content: JSON.stringify({ error: String(error) }), isError: true, durationMs: 1 };
      } finally {
        inFlight -= 1;
      }
    },
  };
  return runner;
}
