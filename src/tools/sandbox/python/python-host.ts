/**
 * Runs requests in one loaded Pyodide interpreter: each in a fresh namespace (runner-source.ts),
 * one at a time, with the wasm memory checked after each run. Knows nothing of workers, so the
 * same code runs in the sandbox worker and, for tests, in Node.
 */
import type { PyodideAPI } from 'pyodide';
import { resolveLimits } from '../limits';
import type { SandboxFailure, SandboxOutcome, SandboxRequest } from '../types';
import { PYTHON_RUNNER_SOURCE } from './runner-source';

/** The runner's JSON answer (see runner-source.ts). */
interface RunnerAnswer {
  ok: boolean;
  value?: string;
  error?: SandboxFailure;
  stdout: string;
  stderr: string;
  truncated: boolean;
}

/** Pyodide's Emscripten module: not in its public types, but the only place its wasm memory size is visible. */
interface WithWasmHeap {
  _module?: { HEAP8?: Int8Array };
}

/** Bytes of wasm memory the interpreter holds now (wasm memory only grows, so this is its high-water mark). */
export function wasmMemoryBytes(pyodide: PyodideAPI): number {
  return (pyodide as unknown as WithWasmHeap)._module?.HEAP8?.buffer.byteLength ?? 0;
}

export interface PythonHost {
  run(request: SandboxRequest): SandboxOutcome;
  /** Wasm memory the interpreter held once loaded, before any run: the base the memory limit adds to. */
  readonly baseMemoryBytes: number;
}

/**
 * Prepares `pyodide` for runs. The memory limit is what a run may add to the interpreter's own
 * memory (`baseMemoryBytes`): checked after each run, since nothing can bound a Pyodide heap while
 * it grows; a run past it fails with `memory-limit` and its worker is terminated (the sandbox does
 * not reuse a worker after that failure).
 */
export function createPythonHost(pyodide: PyodideAPI): PythonHost {
  pyodide.runPython(PYTHON_RUNNER_SOURCE);
  const runner = pyodide.globals.get('_tabagent_run') as (code: string, maxOutput: number, maxResult: number) => string;
  const baseMemoryBytes = wasmMemoryBytes(pyodide);
  return {
    baseMemoryBytes,
    run(request: SandboxRequest): SandboxOutcome {
      const limits = resolveLimits(request.limits);
      const started = performance.now();
      let answer: RunnerAnswer;
      try {
        answer = JSON.parse(runner(request.code, limits.maxOutputChars, limits.maxResultChars)) as RunnerAnswer;
      } catch (error) {
        // Only the interpreter itself fails here (the runner catches every Python exception), e.g. a
        // JavaScript stack overflow deep inside the wasm: the interpreter may be damaged, so crash.
        const message = error instanceof Error ? error.message : String(error);
        const kind = /call stack|stack overflow|recursion/i.test(message) ? 'stack-limit' : 'crashed';
        return { ok: false, error: { kind, message }, stdout: '', stderr: '', truncated: false, durationMs: performance.now() - started };
      }
      const durationMs = performance.now() - started;
      const output = { stdout: answer.stdout, stderr: answer.stderr, truncated: answer.truncated, durationMs };
      const used = wasmMemoryBytes(pyodide) - baseMemoryBytes;
      if (used > limits.memoryBytes) {
        const message = `the interpreter grew by ${Math.round(used / (1024 * 1024))} MB`;
        return { ok: false, error: { kind: 'memory-limit', message }, ...output };
      }
      if (!answer.ok) return { ok: false, error: answer.error ?? { kind: 'crashed', message: 'the Python runner gave no error' }, ...output };
      return { ok: true, ...(answer.value === undefined ? {} : { value: answer.value }), ...output };
    },
  };
}
