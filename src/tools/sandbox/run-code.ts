import type { ToolProgress } from '../../core/tool-runner';
import { sandboxFailureError } from './outcome-error';
import type { JsonValue, SandboxLimits, SandboxRunner } from './types';

/** What a sandboxed tool call returns to the model. */
export interface SandboxToolResult {
  /** The code's value as JSON (null when it produced none). */
  result: JsonValue;
  stdout?: string;
  stderr?: string;
  /** Present when console output was cut at the limit. */
  truncated?: true;
}

export interface RunSandboxedCodeOptions {
  args?: JsonValue;
  limits?: Partial<SandboxLimits>;
  signal?: AbortSignal;
  /** Hears the sandbox's start and run (the tool card's progress). */
  progress?: (report: ToolProgress) => void;
}

/**
 * Runs `code` through `runner` and shapes the outcome for a tool result. Throws a
 * TabagentError (with the captured output quoted) when the code fails or hits a limit.
 */
export async function runSandboxedCode(runner: SandboxRunner, code: string, options: RunSandboxedCodeOptions = {}): Promise<SandboxToolResult> {
  const outcome = await runner.run(
    { code, ...(options.args === undefined ? {} : { args: options.args }), ...(options.limits ? { limits: options.limits } : {}) },
    options.signal,
    options.progress,
  );
  if (!outcome.ok) throw sandboxFailureError(outcome, options.limits);
  return {
    result: outcome.value ?? null,
    ...(outcome.stdout ? { stdout: outcome.stdout } : {}),
    ...(outcome.stderr ? { stderr: outcome.stderr } : {}),
    ...(outcome.truncated ? { truncated: true as const } : {}),
  };
}
