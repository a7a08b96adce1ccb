import { raceAbort } from '../../core/abort';
import { TabagentError } from '../../core/errors';
import type { ChatEngine, LoadProgress } from '../../core/types';
import { findCatalogModel } from '../../llm/catalog';
import type { TransformersEngineOptions } from '../../llm/transformers/options';
import type { WebLLMEngineOptions } from '../../llm/webllm';
import { createWorkerEngine, spawnLlmWorker, spawnWebLLMWorker } from '../../llm/worker-protocol';
import { createLazyBuiltinAiEngine } from '../../llm/builtin-ai/lazy-engine';
import { modelUrlLocation } from './model-url-location';
import { choiceKey, HUB_HOST, type LocalModelChoice } from './local-choice';

/** A local engine that loads itself before its first answer (the Models page may have loaded it already). */
export interface LocalEngine extends ChatEngine {
  readonly choice: LocalModelChoice;
}

/** The transformers.js options of a local choice: where its files are and how it runs. */
export function transformersOptionsOf(choice: LocalModelChoice): TransformersEngineOptions {
  // Only curated models name a weight file; for others transformers.js picks its default (q8 on WASM, fp32 on WebGPU).
  const dtype = findCatalogModel('transformers', choice.modelId)?.dtype;
  const location = choice.customModelUrl
    ? modelUrlLocation(choice.customModelUrl, globalThis.location?.origin)
    : { modelId: choice.modelId, allowRemote: true, remoteHost: HUB_HOST };
  return { device: choice.device ?? 'wasm', ...(dtype ? { dtype } : {}), useBrowserCache: true, ...location };
}

function transformersEngine(choice: LocalModelChoice, contextWindow: number | undefined): ChatEngine {
  return createWorkerEngine(spawnLlmWorker(), {
    kind: 'transformers',
    engineOptions: { ...transformersOptionsOf(choice) },
    ...(contextWindow ? { contextWindow } : {}),
  });
}

/** web-llm's usual build (the catalog knows each model's own). */
const WEBLLM_DEFAULT_CONTEXT = 4096;

/**
 * web-llm in workers/webllm.worker.ts, the only place its runtime loads. Until it has loaded, it
 * reports what web-llm always offers (grammar-constrained output), so the first request of a run
 * already carries the tool grammar.
 */
function webllmEngine(choice: LocalModelChoice, contextWindow = WEBLLM_DEFAULT_CONTEXT, vision = false): ChatEngine {
  const engineOptions: Omit<WebLLMEngineOptions, 'createEngine'> = { modelId: choice.modelId, contextWindow, ...(vision ? { vision } : {}) };
  return createWorkerEngine(spawnWebLLMWorker(), {
    kind: 'webllm',
    engineOptions,
    capabilities: { nativeToolCalls: false, constrainedOutput: 'grammar', contextWindow, vision },
  });
}

/**
 * Wraps an engine that needs `load` before `chat` (both local engines) so that `chat` loads it first.
 * One load runs at a time: a second caller (the first message while the Models page is still
 * downloading) waits for the same load instead of starting another.
 */
function autoLoading(engine: ChatEngine, choice: LocalModelChoice): LocalEngine {
  let ready: Promise<void> | undefined;
  const load = (onProgress?: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<void> => {
    if (ready) return raceAbort(ready, signal, () => new TabagentError('aborted', 'Stopped.'));
    const run = engine.load(onProgress, signal);
    ready = run;
    run.catch(() => {
      if (ready === run) ready = undefined;
    });
    return run;
  };
  return {
    choice,
    get id() {
      return engine.id;
    },
    get capabilities() {
      return engine.capabilities;
    },
    load,
    async unload() {
      ready = undefined;
      await engine.unload();
    },
    async resetContext() {
      await engine.resetContext?.();
    },
    async *chat(request, signal) {
      await load(undefined, signal);
      yield* engine.chat(request, signal);
    },
  };
}

/**
 * Creates the engine for a local choice: web-llm in its own worker, transformers.js in the LLM
 * worker, the browser's own model on the page (the Prompt API exists only there).
 */
export function createLocalEngine(choice: LocalModelChoice): LocalEngine {
  if (choice.engine === 'builtin') return Object.assign(createLazyBuiltinAiEngine(), { choice });
  const known = findCatalogModel(choice.engine, choice.modelId);
  if (choice.engine === 'webllm') {
    if (!choice.modelId) throw new TabagentError('config', 'Choose a web-llm model on the Models page.');
    return autoLoading(webllmEngine(choice, known?.contextWindow, known?.vision === true), choice);
  }
  if (!choice.modelId && !choice.customModelUrl) throw new TabagentError('config', 'Choose a transformers.js model on the Models page.');
  return autoLoading(transformersEngine(choice, known?.contextWindow), choice);
}

/**
 * Keeps one local engine alive across runs: loading a model takes seconds to minutes, so the
 * engine the Models page loaded is the one chat uses. Choosing another model unloads the old one
 * first (two models rarely fit in GPU memory together).
 *
 * A model the Models page is loading is held apart (`pending`) until its load succeeds: the
 * settings still name the previous engine until then, and a chat run in the meantime gets that
 * engine without stopping the download; a load that fails is dropped, never left as the engine.
 */
export class LocalEngineHolder {
  private current: LocalEngine | undefined;
  private pending: LocalEngine | undefined;

  constructor(private readonly create: (choice: LocalModelChoice) => LocalEngine = createLocalEngine) {}

  /** The engine for this choice, reusing the current one (or the one loading) when it is the same model. */
  engineFor(choice: LocalModelChoice): LocalEngine {
    if (this.current && choiceKey(this.current.choice) === choiceKey(choice)) return this.current;
    if (this.pending && choiceKey(this.pending.choice) === choiceKey(choice)) return this.pending;
    const previous = this.current;
    this.current = undefined;
    void previous?.unload().catch(() => undefined);
    const next = this.create(choice);
    this.current = next;
    return next;
  }

  /**
   * Downloads and loads this model; it becomes the current engine only once loaded. The engine
   * in use before is unloaded first to free memory (the settings still name it, so a failed load
   * leaves chat to reload it from the browser's cache); a failed or stopped load is unloaded and forgotten.
   */
  async load(choice: LocalModelChoice, onProgress?: (progress: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    const key = choiceKey(choice);
    const previous = this.current;
    if (previous && choiceKey(previous.choice) === key) return previous.load(onProgress, signal);
    if (this.pending && choiceKey(this.pending.choice) === key) return this.pending.load(onProgress, signal);
    const next = this.create(choice);
    this.pending = next;
    this.current = undefined;
    void previous?.unload().catch(() => undefined);
    try {
      await next.load(onProgress, signal);
    } catch (error) {
      if (this.pending === next) this.pending = undefined;
      void next.unload().catch(() => undefined);
      throw error;
    }
    if (this.pending !== next) return;
    this.pending = undefined;
    // A chat run during the download may have brought the old engine back: this one replaces it.
    void this.replaceCurrent(next)?.unload().catch(() => undefined);
  }

  /** Makes `next` the current engine; returns the one it replaces (read after an await, so not narrowed). */
  private replaceCurrent(next: LocalEngine): LocalEngine | undefined {
    const replaced = this.current;
    this.current = next;
    return replaced;
  }

  /**
   * Frees what the current engine keeps of earlier requests (transformers.js: its key/value cache)
   * when the person switches conversation. Best effort: a failure only leaves the memory in use
   * until the next request, which drops a cache it does not continue anyway.
   */
  async resetContext(): Promise<void> {
    await this.current?.resetContext?.().catch(() => undefined);
  }

  /** Unloads the current engine (e.g. before deleting its files). */
  async release(choice?: LocalModelChoice): Promise<void> {
    if (!this.current || (choice && choiceKey(this.current.choice) !== choiceKey(choice))) return;
    const engine = this.current;
    this.current = undefined;
    await engine.unload().catch(() => undefined);
  }
}
