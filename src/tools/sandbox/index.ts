/**
 * The JavaScript sandbox: QuickJS (WebAssembly) in a dedicated worker, with time, memory and
 * stack limits and captured console output. Import this module lazily: it pulls in the
 * interpreter's glue code.
 */
export { DEFAULT_SANDBOX_LIMITS, resolveLimits } from './limits';
export { createWorkerSandbox, type WorkerSandbox, type WorkerSandboxOptions } from './worker-sandbox';
export { createInProcessSandbox } from './in-process';
export { defaultSandbox } from './default-sandbox';
export { runSandboxedCode, type RunSandboxedCodeOptions, type SandboxToolResult } from './run-code';
export { sandboxFailureError } from './outcome-error';
export type {
  JsonValue,
  SandboxError,
  SandboxFailure,
  SandboxFailureKind,
  SandboxLimits,
  SandboxOutcome,
  SandboxRequest,
  SandboxRunner,
  SandboxSuccess,
} from './types';
