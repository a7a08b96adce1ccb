/**
 * The Eval page's state: stored runs, the run in progress (the shared eval runner over the engine
 * the settings configure) and the results of the run being looked at. Runs live in IndexedDB, so
 * they survive a reload; a run left `running` by a closed tab resumes where it stopped.
 */
import { createSignal, type Accessor } from 'solid-js';
import { errorText } from '../errors/error-text';
import { createEvalRuns } from '../../app/eval/eval-runs';
import type { ExampleResult } from '../../eval/results';
import type { EvalExample } from '../../eval/types';
import type { EvalRunRecord, TabagentDb } from '../../store';
import type { ChatRunSetup } from '../chat/chat-controller';

/** One example of the run being looked at, with its result once it has one. */
export interface RunEntry {
  index: number;
  example: EvalExample;
  result: ExampleResult | null;
}

/** The run in progress in this tab. */
export interface ActiveRun {
  runId: string;
  done: number;
  total: number;
}

/** A dataset ready to run. */
export interface ReadyDataset {
  name: string;
  examples: EvalExample[];
}

/** Why a resume is refused, for the page to put into words. */
export type ResumeRefusal = { reason: 'other-model'; model: string } | { reason: 'busy' } | { reason: 'no-examples' };

export interface EvalState {
  /** Stored runs, most recently started first. */
  runs: Accessor<EvalRunRecord[]>;
  active: Accessor<ActiveRun | undefined>;
  selectedId: Accessor<string | undefined>;
  /** The selected run's examples, by index. */
  entries: Accessor<RunEntry[]>;
  /** The latest failure, in words. */
  error: Accessor<string | undefined>;
  /** The latest refused resume. */
  refusal: Accessor<ResumeRefusal | undefined>;
  init(): Promise<void>;
  start(dataset: ReadyDataset, concurrency: number): Promise<void>;
  resume(runId: string, concurrency: number): Promise<void>;
  stop(): void;
  select(runId: string | undefined): Promise<void>;
  remove(runId: string): Promise<void>;
  /** Stops the run in progress (it stays resumable). */
  dispose(): void;
}

export interface EvalStateOptions {
  openDatabase: () => Promise<TabagentDb>;
  /** Engine and tool mode from the current settings; throws TabagentError('config') when incomplete. */
  prepareRun: () => ChatRunSetup | Promise<ChatRunSetup>;
  /** The engine and model the settings choose, as shown to the person (and checked on resume). */
  modelLabel: () => string;
  now?: () => number;
  createId?: () => string;
}

/**
 * Runs `work` holding a Web Lock named after the run, so two tabs never run one run at once;
 * false when another tab holds it. Where the Web Locks API is missing the work just runs.
 */
async function withRunLock(runId: string, work: () => Promise<void>): Promise<boolean> {
  const locks = globalThis.navigator?.locks;
  if (!locks) {
    await work();
    return true;
  }
  return locks.request(`tabagent-eval-run-${runId}`, { ifAvailable: true }, async (lock) => {
    if (lock === null) return false;
    await work();
    return true;
  });
}

/** Creates the state (call `init` once mounted). */
export function createEvalState(options: EvalStateOptions): EvalState {
  const now = options.now ?? Date.now;
  const createId = options.createId ?? (() => crypto.randomUUID());
  const evalRuns = createEvalRuns(options.openDatabase);
  const [runs, setRuns] = createSignal<EvalRunRecord[]>([]);
  const [active, setActive] = createSignal<ActiveRun>();
  const [selectedId, setSelectedId] = createSignal<string>();
  const [entries, setEntries] = createSignal<RunEntry[]>([]);
  const [error, setError] = createSignal<string>();
  const [refusal, setRefusal] = createSignal<ResumeRefusal>();
  let controller: AbortController | undefined;
  let disposed = false;

  const guard = async (work: () => Promise<void>): Promise<void> => {
    try {
      await work();
    } catch (failure) {
      setError(errorText(failure, 'storage'));
    }
  };
  const refreshRuns = async (): Promise<void> => {
    setRuns(await evalRuns.list());
  };
  const replaceRun = (run: EvalRunRecord): void => {
    setRuns((list) => (list.some((item) => item.id === run.id) ? list.map((item) => (item.id === run.id ? run : item)) : [run, ...list]));
  };

  async function loadEntries(runId: string): Promise<RunEntry[]> {
    const records = await evalRuns.examples(runId);
    return records.flatMap((record) =>
      record.example === undefined
        ? []
        : [{ index: record.index, example: record.example as EvalExample, result: (record.result ?? null) as ExampleResult | null }],
    );
  }

  /** Runs (or resumes) `run` over `examples`; earlier results are in `initial`. */
  async function execute(run: EvalRunRecord, examples: EvalExample[], initial: Map<string, ExampleResult>, setup: ChatRunSetup, concurrency: number): Promise<void> {
    const signal = (controller = new AbortController()).signal;
    const finished = [...initial.values()].filter((result) => result.error === undefined).length;
    setActive({ runId: run.id, done: finished, total: examples.length });
    try {
      const outcome = await evalRuns.execute({
        run,
        examples,
        initial,
        engine: setup.engine,
        concurrency,
        signal,
        now,
        onSaved(stored, saved) {
          replaceRun(stored);
          if (selectedId() !== stored.id || saved.length === 0) return;
          const byIndex = new Map(saved.map((entry) => [entry.index, entry.result]));
          setEntries((list) => list.map((entry) => (byIndex.has(entry.index) ? { ...entry, result: byIndex.get(entry.index) ?? null } : entry)));
        },
        onResult(done) {
          setActive({ runId: run.id, done: finished + done, total: examples.length });
        },
      });
      if (outcome.aborted) replaceRun(await evalRuns.update(run.id, { status: 'stopped' }));
    } catch (failure) {
      const message = errorText(failure);
      setError(message);
      // The database may be gone (the page is closing): the run then reads as interrupted.
      await evalRuns.update(run.id, { status: 'error', error: message }).then(replaceRun, () => undefined);
    } finally {
      controller = undefined;
      setActive(undefined);
    }
  }

  /** Takes the run's lock and runs it; records a refusal when another tab holds it. */
  async function executeLocked(...args: Parameters<typeof execute>): Promise<void> {
    const ran = await withRunLock(args[0].id, () => execute(...args));
    if (!ran) setRefusal({ reason: 'busy' });
  }

  return {
    runs,
    active,
    selectedId,
    entries,
    error,
    refusal,
    async init() {
      await guard(refreshRuns);
    },
    async start(dataset, concurrency) {
      if (active()) return;
      setError(undefined);
      setRefusal(undefined);
      await guard(async () => {
        const setup = await options.prepareRun();
        const run: EvalRunRecord = {
          id: createId(),
          dataset: dataset.name,
          model: options.modelLabel(),
          startedAt: now(),
          status: 'running',
          total: dataset.examples.length,
          completed: 0,
          format: setup.toolMode ?? 'auto',
        };
        await evalRuns.create(run, dataset.examples);
        if (disposed) return;
        replaceRun(run);
        setSelectedId(run.id);
        setEntries(dataset.examples.map((example, index) => ({ index, example, result: null })));
        await executeLocked(run, dataset.examples, new Map(), setup, concurrency);
      });
    },
    async resume(runId, concurrency) {
      if (active()) return;
      setError(undefined);
      setRefusal(undefined);
      await guard(async () => {
        const run = await evalRuns.get(runId);
        if (!run) return refreshRuns();
        const model = options.modelLabel();
        if (run.model !== model) return void setRefusal({ reason: 'other-model', model: run.model });
        const setup = await options.prepareRun();
        const stored = await loadEntries(runId);
        if (stored.length !== run.total) return void setRefusal({ reason: 'no-examples' });
        const initial = new Map(stored.flatMap((entry) => (entry.result ? [[entry.example.id, entry.result] as const] : [])));
        const running = await evalRuns.update(runId, { status: 'running', error: undefined });
        if (disposed) return;
        replaceRun(running);
        setSelectedId(runId);
        setEntries(stored);
        await executeLocked(running, stored.map((entry) => entry.example), initial, setup, concurrency);
      });
    },
    stop() {
      controller?.abort();
    },
    async select(runId) {
      setSelectedId(runId);
      if (runId === undefined) return void setEntries([]);
      await guard(async () => {
        const loaded = await loadEntries(runId);
        // Another run may have been chosen while this one loaded.
        if (selectedId() === runId) setEntries(loaded);
      });
    },
    async remove(runId) {
      if (active()?.runId === runId) return;
      await guard(async () => {
        await evalRuns.remove(runId);
        if (selectedId() === runId) {
          setSelectedId(undefined);
          setEntries([]);
        }
        await refreshRuns();
      });
    },
    dispose() {
      disposed = true;
      controller?.abort();
    },
  };
}
