import { TabagentError, type ErrorCode } from '../../core/errors';
import { resolveLimits } from './limits';
import type { SandboxError, SandboxFailure, SandboxLimits } from './types';

/** Longest captured output quoted in an error message (the model needs it to debug, not all of it). */
const MAX_QUOTED_OUTPUT = 2_000;

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(2))} s`;
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function where(failure: SandboxFailure): string {
  return failure.line === undefined ? '' : ` (line ${failure.line})`;
}

function describe(failure: SandboxFailure, limits: SandboxLimits): { code: ErrorCode; message: string } {
  switch (failure.kind) {
    case 'time-limit':
      return { code: 'timeout', message: `The code ran longer than its ${seconds(limits.cpuTimeMs)} time limit and was stopped. Look for an endless loop, or do less work per run.` };
    case 'memory-limit':
      return { code: 'tool-failed', message: `The code needed more than its ${megabytes(limits.memoryBytes)} memory limit and was stopped (${failure.message}). Work on smaller data.` };
    case 'stack-limit':
      return { code: 'tool-failed', message: `The code nested function calls too deeply and hit the stack limit (${failure.message}). Use a loop instead of deep recursion.` };
    case 'syntax':
      return { code: 'tool-failed', message: `The code has a syntax error: ${failure.message}${where(failure)}.` };
    case 'thrown':
      return { code: 'tool-failed', message: `The code threw ${failure.name ? `${failure.name}: ` : ''}${failure.message}${where(failure)}.` };
    case 'not-serialisable':
    case 'never-settled':
      return { code: 'tool-failed', message: failure.message };
    case 'aborted':
      return { code: 'aborted', message: 'The code was stopped.' };
    case 'crashed':
      return { code: 'internal', message: failure.message };
  }
}

function quote(label: string, text: string): string {
  if (text === '') return '';
  const shown = text.length > MAX_QUOTED_OUTPUT ? `${text.slice(0, MAX_QUOTED_OUTPUT)}...` : text;
  return `\n${label}:\n${shown.trimEnd()}`;
}

/**
 * The TabagentError for a failed run: a message the model (or person) can act on, the captured
 * output quoted after it, and the failure's details in `data`.
 */
export function sandboxFailureError(outcome: SandboxError, requested?: Partial<SandboxLimits>): TabagentError {
  const limits = resolveLimits(requested);
  const { code, message } = describe(outcome.error, limits);
  return new TabagentError(code, `${message}${quote('stdout', outcome.stdout)}${quote('stderr', outcome.stderr)}`, {
    data: { sandbox: { ...outcome.error }, stdout: outcome.stdout, stderr: outcome.stderr },
  });
}
