import { TabagentError } from '../../../core/errors';
import type { SandboxFailureKind, SandboxRunner } from '../types';
import { createWorkerSandbox, REUSABLE_AFTER, type WorkerSandbox } from '../worker-sandbox';
import { spawnPythonWorker } from './spawn';

/**
 * Longest a new Python worker may take to load Pyodide (~13 MB, then the interpreter starts):
 * seconds on a fast machine, tens of seconds on a loaded one or the first time (download).
 */
export const PYTHON_START_TIMEOUT_MS = 180_000;

/** How long an idle Python worker is kept: loading another costs seconds, a warm one only its memory. */
export const PYTHON_IDLE_MS = 10 * 60_000;

/**
 * Python's RecursionError leaves the interpreter clean (its recursion limit trips well before the
 * wasm stack runs out), so a worker is kept after a stack-limit failure too: reloading costs seconds.
 */
const PYTHON_REUSABLE_AFTER: ReadonlySet<SandboxFailureKind> = new Set([...REUSABLE_AFTER, 'stack-limit']);

/**
 * A Python sandbox over dedicated workers: one warm worker runs each request in a fresh namespace
 * and is terminated after a time or memory limit, a stop or a crash (the next run loads a new one).
 * The time limit is the worker's termination alone: Pyodide's interrupt buffer needs a
 * SharedArrayBuffer, which only a cross-origin-isolated page has, and Tabagent is not one.
 */
export function createPythonWorkerSandbox(spawn: () => Worker = spawnPythonWorker): WorkerSandbox {
  return createWorkerSandbox({ spawn, startTimeoutMs: PYTHON_START_TIMEOUT_MS, idleMs: PYTHON_IDLE_MS, language: 'Python', reusableAfter: PYTHON_REUSABLE_AFTER });
}

let shared: SandboxRunner | undefined;

/**
 * The app's Python sandbox, created on first use. It needs Web Workers (browsers): without them
 * (Node: the CLI, unit tests) nothing could stop a runaway run, so it fails with a clear error.
 */
export function defaultPythonSandbox(): SandboxRunner {
  if (typeof Worker !== 'function') {
    throw new TabagentError('tool-failed', 'run_python needs a browser: it runs Python in a Web Worker, which this environment does not have. Use run_javascript instead.');
  }
  shared ??= createPythonWorkerSandbox();
  return shared;
}
