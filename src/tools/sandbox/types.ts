/**
 * The sandbox's data types. Everything here is plain structured-clone data, so a request and
 * its outcome cross the worker boundary unchanged.
 */
import type { ToolProgress } from '../../core/tool-runner';

/** JSON data: what sandboxed code receives as `args` and may hand back as its value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** How much a single run may use. */
export interface SandboxLimits {
  /** Longest the code may compute, in milliseconds (the run has its own thread, so this is its CPU time). */
  cpuTimeMs: number;
  /** Most memory the code's JavaScript heap may hold, in bytes. */
  memoryBytes: number;
  /** Most native stack the interpreter may use, in bytes (bounds recursion depth). */
  stackBytes: number;
  /** Most characters kept of stdout and of stderr each; the rest is cut with a note. */
  maxOutputChars: number;
  /** Most characters the returned value may have as JSON. */
  maxResultChars: number;
}

/** One piece of code to run. */
export interface SandboxRequest {
  /**
   * JavaScript source. Run as a script whose last expression is the value; when it uses
   * top-level `return` or `await`, it runs as the body of an async function instead.
   */
  code: string;
  /** JSON data the code sees as the global `args` (default `{}`). */
  args?: JsonValue;
  /** Limits for this run; missing ones take the defaults. */
  limits?: Partial<SandboxLimits>;
}

/** Why a run failed. */
export type SandboxFailureKind =
  /** The code threw (or returned a promise that rejected). */
  | 'thrown'
  /** The code does not parse. */
  | 'syntax'
  /** It computed past `cpuTimeMs`. */
  | 'time-limit'
  /** It allocated past `memoryBytes`. */
  | 'memory-limit'
  /** It recursed past `stackBytes`. */
  | 'stack-limit'
  /** Its value cannot be turned into JSON, or is larger than `maxResultChars`. */
  | 'not-serialisable'
  /** It returned a promise that nothing can ever settle (the sandbox has no timers or I/O). */
  | 'never-settled'
  /** The caller stopped the run. */
  | 'aborted'
  /** The sandbox itself failed (the worker died or did not start). */
  | 'crashed';

export interface SandboxFailure {
  kind: SandboxFailureKind;
  /** The error's name inside the sandbox, e.g. `ReferenceError`, when it threw one. */
  name?: string;
  message: string;
  /** 1-based line in the code where it failed, when known. */
  line?: number;
  /** The sandbox's stack trace, shortened. */
  stack?: string;
}

interface OutcomeBase {
  /** What `console.log`/`info`/`debug` printed. */
  stdout: string;
  /** What `console.error`/`warn` printed. */
  stderr: string;
  /** True when stdout or stderr was cut at `maxOutputChars`. */
  truncated: boolean;
  /** Time the run took, in milliseconds. */
  durationMs: number;
}

/** The code ran to the end; `value` is its result as plain JSON data (absent for `undefined`). */
export interface SandboxSuccess extends OutcomeBase {
  ok: true;
  value?: JsonValue;
}

export interface SandboxError extends OutcomeBase {
  ok: false;
  error: SandboxFailure;
}

/** What a run produced. Failures of the code are data here, never exceptions. */
export type SandboxOutcome = SandboxSuccess | SandboxError;

/** Something that runs code in the sandbox: in a worker (browsers) or in-process (Node). */
export interface SandboxRunner {
  /**
   * Runs one request. Never rejects: every failure, including a stop through `signal`, is an outcome.
   * `progress` hears when the run must first start a sandbox (seconds for Python) and when the code runs.
   */
  run(request: SandboxRequest, signal?: AbortSignal, progress?: (report: ToolProgress) => void): Promise<SandboxOutcome>;
  /** Releases workers and memory; later runs start afresh. */
  dispose(): void;
}
