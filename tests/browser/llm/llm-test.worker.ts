/**
 * The production LLM host plus probes for tests: which URLs this worker fetched (resource timing)
 * and a way to empty the model cache. Same host code as workers/llm.worker.ts.
 */
import { expose, type Endpoint } from 'comlink';
import { env } from '@huggingface/transformers';
import { createTransformersEngine } from '../../../src/llm/transformers';
import { createLlmWorkerHost, defineEngineKind, registerErrorTransfer } from '../../../src/llm/worker-protocol';

/** Probes the browser tests call next to the host API. */
export interface LlmTestProbes {
  resourceUrls(): string[];
  clearResourceUrls(): void;
  /** The adapter behind onnxruntime's WebGPU device, once a WebGPU session exists. */
  webgpuAdapter(): Promise<{ vendor: string; architecture: string; description: string } | null>;
}

registerErrorTransfer();
const host = createLlmWorkerHost({ transformers: defineEngineKind(createTransformersEngine) });
const probes: LlmTestProbes = {
  resourceUrls: () => performance.getEntriesByType('resource').map((entry) => entry.name),
  clearResourceUrls: () => performance.clearResourceTimings(),
  async webgpuAdapter() {
    const webgpu = env.backends.onnx.webgpu;
    if (webgpu === undefined) return null;
    // The project's TypeScript setup has no WebGPU types; this is the one field read here.
    const device = (await webgpu.device) as { adapterInfo?: { vendor: string; architecture: string; description: string } } | undefined;
    const info = device?.adapterInfo;
    return info === undefined ? null : { vendor: info.vendor, architecture: info.architecture, description: info.description };
  },
};
expose(Object.assign(host, probes), self as unknown as Endpoint);
