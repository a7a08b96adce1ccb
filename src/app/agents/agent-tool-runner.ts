/**
 * Tool runners for one agent's run: the tool library narrowed to the agent's tools, plus the
 * tools that exist for that run only (`RunScope.runTools`, e.g. the agent builder's).
 */
import { TabagentError } from '../../core/errors';
import type { ToolCall } from '../../core/types';
import type { ExecuteOptions, PreparedCall, PrepareOutcome, RunPreparedOptions, ToolResult, ToolRunner, ValidationOutcome } from '../../core/tool-runner';
import { createToolExecutor, ToolRegistry, type ToolExecutorOptions } from '../../tools';
import type { RunTool } from '../services';

function notOffered(name: string): string {
  return `Tool ${JSON.stringify(name.slice(0, 100))} is not one of this agent's tools. Use only the tools listed.`;
}

/**
 * `runner` with only the tools `offers` accepts: the others are neither listed for the model nor
 * run (a call to one goes back to the model as an error, as an unknown tool does).
 */
export function limitTools(runner: ToolRunner, offers: (name: string) => boolean): ToolRunner {
  const refused = (name: string): ToolResult => {
    const error = new TabagentError('unknown-tool', notOffered(name), { data: { name } });
    return { content: JSON.stringify({ error: error.message }), isError: true, error, durationMs: 0 };
  };
  return {
    definitions: () => runner.definitions().filter((definition) => offers(definition.name)),
    requiresApproval: (name) => runner.requiresApproval(name),
    ...(runner.traits ? { traits: (name: string) => runner.traits!(name) } : {}),
    validate: (name, args): ValidationOutcome => (offers(name) ? runner.validate(name, args) : { ok: false, message: notOffered(name) }),
    ...(runner.prepare
      ? { prepare: (call: ToolCall): PrepareOutcome => (offers(call.name) ? runner.prepare!(call) : { ok: false, message: notOffered(call.name) }) }
      : {}),
    ...(runner.run
      ? { run: (prepared: PreparedCall, options?: RunPreparedOptions) => (offers(prepared.call.name) ? runner.run!(prepared, options) : Promise.resolve(refused(prepared.call.name))) }
      : {}),
    execute: (call: ToolCall, options?: ExecuteOptions) => (offers(call.name) ? runner.execute(call, options) : Promise.resolve(refused(call.name))),
  };
}

/**
 * The run's own tools served beside `base`: a call goes to the runner that has the tool (the run's
 * tools win a name clash, as they are the ones this run is about). Each prepared call runs on the
 * runner that prepared it. `scrubbing` is what the library's executor gets (see
 * app/tools/tool-output-scrub.ts), so a run tool's results and errors are redacted the same way.
 */
export function withRunTools(
  base: ToolRunner,
  runTools: readonly RunTool[],
  scrubbing: Pick<ToolExecutorOptions, 'redactOutput' | 'describeSecret'> = {},
): ToolRunner {
  if (runTools.length === 0) return base;
  const registry = new ToolRegistry();
  for (const tool of runTools) registry.register(tool.manifest, tool.implementation, { replace: true, ...(tool.timeoutMs !== undefined ? { timeoutMs: tool.timeoutMs } : {}) });
  const own = createToolExecutor(registry, scrubbing);
  const pick = (name: string): ToolRunner => (registry.has(name) ? own : base);
  const preparedBy = new WeakMap<PreparedCall, ToolRunner>();
  return {
    definitions: () => [...own.definitions(), ...base.definitions().filter((definition) => !registry.has(definition.name))],
    requiresApproval: (name) => pick(name).requiresApproval(name),
    traits: (name) => {
      const runner = pick(name);
      return runner.traits ? runner.traits(name) : { sideEffects: runner.requiresApproval(name), sendsData: false, trustedOutput: false };
    },
    validate: (name, args) => pick(name).validate(name, args),
    prepare: (call) => {
      const runner = pick(call.name);
      if (!runner.prepare) {
        const outcome = runner.validate(call.name, call.arguments);
        if (!outcome.ok) return outcome;
        const prepared: PreparedCall = { call: Object.freeze(structuredClone(call)), target: () => Promise.resolve({ destinations: [] }) };
        preparedBy.set(prepared, runner);
        return { ok: true, prepared };
      }
      const outcome = runner.prepare(call);
      if (outcome.ok) preparedBy.set(outcome.prepared, runner);
      return outcome;
    },
    run: (prepared, options) => {
      const runner = preparedBy.get(prepared) ?? pick(prepared.call.name);
      if (runner.run) return runner.run(prepared, options);
      const decision = options?.approved === true ? 'allow' : 'deny';
      return runner.execute(prepared.call as ToolCall, { ...(options?.signal ? { signal: options.signal } : {}), approve: () => Promise.resolve(decision) });
    },
    execute: (call, options) => pick(call.name).execute(call, options),
  };
}
