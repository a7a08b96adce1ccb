import { instantiateQuickJsInstance } from './load-quickjs';
import { resolveLimits } from './limits';
import { runInQuickJs } from './quickjs-run';
import type { SandboxOutcome, SandboxRequest } from './types';

/** Compiles the interpreter's WebAssembly (done once; each run instantiates it afresh). */
export type QuickJsSource = () => Promise<WebAssembly.Module>;

function crashed(message: string): SandboxOutcome {
  return { ok: false, error: { kind: 'crashed', message }, stdout: '', stderr: '', truncated: false, durationMs: 0 };
}

/**
 * Runs requests one at a time, each in a new QuickJS instance with its own capped memory,
 * created from one compiled module. Nothing a run does can be seen by the next.
 */
export class QuickJsHost {
  #compiled: Promise<WebAssembly.Module> | undefined;

  constructor(private readonly source: QuickJsSource) {}

  /** Compiles the interpreter now (a worker does this at start, so the first run is quick). */
  ready(): Promise<WebAssembly.Module> {
    if (this.#compiled === undefined) {
      const compiling = this.source();
      // A failed load is retried on the next run rather than failing forever.
      compiling.catch(() => {
        if (this.#compiled === compiling) this.#compiled = undefined;
      });
      this.#compiled = compiling;
    }
    return this.#compiled;
  }

  async run(request: SandboxRequest): Promise<SandboxOutcome> {
    const limits = resolveLimits(request.limits);
    let instance;
    try {
      instance = await instantiateQuickJsInstance(await this.ready(), limits.memoryBytes);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return crashed(`The JavaScript sandbox could not start: ${reason}`);
    }
    return runInQuickJs(instance.module, { ...request, limits }, { memoryFull: instance.memoryFull }).outcome;
  }
}
