import type { QuickJsHost, QuickJsSource } from './quickjs-host';
import type { SandboxOutcome, SandboxRequest, SandboxRunner } from './types';

// Imported on first use, so that bundles using only the worker never carry the interpreter's glue.
const nodeSource: QuickJsSource = async () => (await import('./load-quickjs')).compileQuickJsInNode();

function stopped(durationMs = 0): SandboxOutcome {
  return { ok: false, error: { kind: 'aborted', message: 'The run was stopped.' }, stdout: '', stderr: '', truncated: false, durationMs };
}

/**
 * Runs code in QuickJS on the calling thread: for Node (the CLI, unit tests), where there is no
 * Web Worker. Isolation and the memory and stack limits are the same as in the worker; the time
 * limit is QuickJS's interrupt handler alone (one long native operation can overrun it, and
 * nothing can kill the thread), and a stop request takes effect only between runs. The browser
 * app uses the worker sandbox.
 */
export function createInProcessSandbox(source: QuickJsSource = nodeSource): SandboxRunner {
  let host: Promise<QuickJsHost> | undefined;
  const getHost = (): Promise<QuickJsHost> => (host ??= import('./quickjs-host').then(({ QuickJsHost }) => new QuickJsHost(source)));
  return {
    async run(request: SandboxRequest, signal?: AbortSignal): Promise<SandboxOutcome> {
      if (signal?.aborted) return stopped();
      const outcome = await (await getHost()).run(request);
      return signal?.aborted ? stopped(outcome.durationMs) : outcome;
    },
    dispose(): void {
      host = undefined;
    },
  };
}
