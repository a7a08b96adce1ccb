import { probeCapabilities, type NavigatorLike } from './probe';
import type { CapabilityReport } from './report';

/** Starts the probe worker. Vite recognises this `new Worker(new URL(…))` form and bundles the file. */
function spawnProbeWorker(): Worker {
  return new Worker(new URL('../../../workers/probe.worker.ts', import.meta.url), { type: 'module', name: 'tabagent-probe' });
}

/** How long the worker may take before the page probes by itself. */
const WORKER_PROBE_TIMEOUT_MS = 10_000;

export interface ProbeInWorkerOptions {
  /** Starts the worker (tests pass failing or silent ones). */
  spawn?: () => Worker;
  /** The page's own navigator, probed when the worker cannot answer. */
  environment?: NavigatorLike;
  timeoutMs?: number;
}

/**
 * Probes capabilities in a dedicated worker, so the GPU stack's start-up never blocks the page. Falls
 * back to probing on the page where workers are missing or fail, time out, or lack WebGPU while the
 * page has it (browsers that expose WebGPU to pages only). Never throws, like `probeCapabilities`.
 */
export function probeCapabilitiesInWorker(options: ProbeInWorkerOptions = {}): Promise<CapabilityReport> {
  const environment = options.environment ?? (globalThis.navigator as NavigatorLike);
  const onPage = (): Promise<CapabilityReport> => probeCapabilities(environment);
  if (typeof Worker === 'undefined') return onPage();
  let worker: Worker;
  try {
    worker = (options.spawn ?? spawnProbeWorker)();
  } catch {
    return onPage();
  }
  return new Promise<CapabilityReport>((resolve) => {
    const finish = (report: CapabilityReport | undefined): void => {
      clearTimeout(timer);
      worker.terminate();
      const workerLacksGpu = report?.webgpuProblemCode === 'no-navigator-gpu' && environment.gpu !== undefined;
      resolve(report && !workerLacksGpu ? report : onPage());
    };
    const timer = setTimeout(() => finish(undefined), options.timeoutMs ?? WORKER_PROBE_TIMEOUT_MS);
    worker.onmessage = (event: MessageEvent<CapabilityReport>) => finish(event.data);
    worker.onerror = (event) => {
      event.preventDefault();
      finish(undefined);
    };
  });
}
