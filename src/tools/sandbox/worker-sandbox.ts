/**
 * The main-thread side of the sandbox: runs each request in a dedicated worker and terminates
 * that worker whenever a run goes past its time limit (plus a short grace), is stopped, or hits
 * a resource limit. QuickJS's interrupt handler normally stops runaway code on time; the hard
 * kill covers what it cannot (a single long native operation, or a bug in the interpreter).
 */
import { releaseProxy, wrap, type Remote } from 'comlink';
import type { ToolProgress } from '../../core/tool-runner';
import { resolveLimits } from './limits';
import { spawnSandboxWorker } from './spawn';
import type { SandboxFailure, SandboxFailureKind, SandboxOutcome, SandboxRequest, SandboxRunner } from './types';
import type { SandboxWorkerApi } from './worker-api';

export interface WorkerSandboxOptions {
  /** Starts a worker (default: workers/sandbox.worker.ts). */
  spawn?: () => Worker;
  /** Time past `cpuTimeMs` after which the worker is terminated (default 100 ms). */
  graceMs?: number;
  /** Longest a new worker may take to load QuickJS (default 20 s). */
  startTimeoutMs?: number;
  /** How long a finished worker is kept for the next run (default 30 s). */
  idleMs?: number;
  /** The language named in failure messages (default 'JavaScript'). */
  language?: string;
  /** Failures after which the worker is kept for the next run (default: those QuickJS recovers from). */
  reusableAfter?: ReadonlySet<SandboxFailureKind>;
}

/** A worker sandbox that can say how many workers it holds (for tests and diagnostics). */
export interface WorkerSandbox extends SandboxRunner {
  liveWorkers(): number;
}

interface Slot {
  worker: Worker;
  api: Remote<SandboxWorkerApi>;
  ready: Promise<void>;
  /** Resolves if the worker reports an error (it failed to load or crashed). */
  crashed: Promise<string>;
}

/** Failures after which the worker is still clean: the run ended inside QuickJS's own limits. */
export const REUSABLE_AFTER: ReadonlySet<SandboxFailureKind> = new Set(['thrown', 'syntax', 'not-serialisable', 'never-settled']);

type Race<T> = { kind: 'done'; value: T } | { kind: 'timeout' } | { kind: 'aborted' } | { kind: 'crashed'; message: string };

function failed(error: SandboxFailure, durationMs: number): SandboxOutcome {
  return { ok: false, error, stdout: '', stderr: '', truncated: false, durationMs };
}

/** Creates a sandbox runner backed by dedicated workers. */
export function createWorkerSandbox(options: WorkerSandboxOptions = {}): WorkerSandbox {
  const spawn = options.spawn ?? spawnSandboxWorker;
  const graceMs = options.graceMs ?? 100;
  const startTimeoutMs = options.startTimeoutMs ?? 20_000;
  const idleMs = options.idleMs ?? 30_000;
  const language = options.language ?? 'JavaScript';
  const reusableAfter = options.reusableAfter ?? REUSABLE_AFTER;
  const live = new Set<Slot>();
  let idle: Slot | undefined;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  function open(): Slot {
    const worker = spawn();
    const api = wrap<SandboxWorkerApi>(worker);
    const crashed = new Promise<string>((resolve) => {
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        resolve(event.message || 'the sandbox worker failed to start');
      });
      worker.addEventListener('messageerror', () => resolve('the sandbox worker sent a message that could not be read'));
    });
    const slot: Slot = { worker, api, ready: api.ready(), crashed };
    // A worker that dies before anyone waits on `ready` must not surface as an unhandled rejection.
    slot.ready.catch(() => undefined);
    live.add(slot);
    return slot;
  }

  function kill(slot: Slot): void {
    if (!live.delete(slot)) return;
    slot.worker.terminate();
    slot.api[releaseProxy]();
  }

  function release(slot: Slot): void {
    if (idle !== undefined || !live.has(slot)) {
      kill(slot);
      return;
    }
    idle = slot;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (idle === slot) idle = undefined;
      kill(slot);
    }, idleMs);
  }

  /** The idle worker, else a new one (`fresh`: it still has to load its interpreter). */
  function take(): { slot: Slot; fresh: boolean } {
    const slot = idle;
    idle = undefined;
    clearTimeout(idleTimer);
    return slot ? { slot, fresh: false } : { slot: open(), fresh: true };
  }

  /** Waits for `promise`, a time limit, an abort or a crash, whichever comes first. */
  function race<T>(slot: Slot, promise: Promise<T>, limitMs: number, signal: AbortSignal | undefined): Promise<Race<T>> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish({ kind: 'timeout' }), limitMs);
      const onAbort = (): void => finish({ kind: 'aborted' });
      function finish(result: Race<T>): void {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(result);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      promise.then(
        (value) => finish({ kind: 'done', value }),
        (error: unknown) => finish({ kind: 'crashed', message: error instanceof Error ? error.message : String(error) }),
      );
      void slot.crashed.then((message) => finish({ kind: 'crashed', message }));
    });
  }

  async function run(request: SandboxRequest, signal?: AbortSignal, progress?: (report: ToolProgress) => void): Promise<SandboxOutcome> {
    const started = performance.now();
    const elapsed = (): number => performance.now() - started;
    const stopped = (): SandboxOutcome => failed({ kind: 'aborted', message: 'The run was stopped.' }, elapsed());
    if (signal?.aborted) return stopped();
    const limits = resolveLimits(request.limits);
    const { slot, fresh } = take();
    // A new worker loads its interpreter first (seconds for Python): the tool card says so meanwhile.
    if (fresh) progress?.({ progress: 0, total: 2, message: `Starting the ${language} sandbox…` });

    const start = await race(slot, slot.ready, startTimeoutMs, signal);
    if (start.kind !== 'done') {
      kill(slot);
      if (start.kind === 'aborted') return stopped();
      const reason = start.kind === 'timeout' ? `it did not start within ${startTimeoutMs / 1000} s` : start.message;
      return failed({ kind: 'crashed', message: `The ${language} sandbox could not start: ${reason}.` }, elapsed());
    }

    if (fresh) progress?.({ progress: 1, total: 2, message: 'Running the code…' });
    const running: Promise<SandboxOutcome> = slot.api.run({ ...request, limits });
    const finished = await race(slot, running, limits.cpuTimeMs + graceMs, signal);
    if (finished.kind === 'done') {
      const outcome = finished.value;
      if (outcome.ok || reusableAfter.has(outcome.error.kind)) release(slot);
      else kill(slot);
      return outcome;
    }
    kill(slot);
    if (finished.kind === 'aborted') return stopped();
    if (finished.kind === 'timeout') {
      return failed({ kind: 'time-limit', message: `the code was still running ${limits.cpuTimeMs + graceMs} ms after it started, so its worker was terminated` }, elapsed());
    }
    return failed({ kind: 'crashed', message: `The ${language} sandbox stopped unexpectedly: ${finished.message}` }, elapsed());
  }

  return {
    run,
    dispose(): void {
      clearTimeout(idleTimer);
      idle = undefined;
      for (const slot of [...live]) kill(slot);
    },
    liveWorkers: () => live.size,
  };
}
