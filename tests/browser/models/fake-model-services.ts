import { TabagentError } from '../../../src/core/errors';
import type { LoadProgress } from '../../../src/core/types';
import type { CapabilityReport } from '../../../src/llm/capabilities';
import { modelCatalog } from '../../../src/llm/catalog';
import { choiceKey, type LocalModelChoice } from '../../../src/app/models/local-choice';
import type { LocalModelServices, StorageInfo } from '../../../src/app/models/model-services';

const GB = 1024 * 1024 * 1024;

/** A desktop GPU with shader-f16 and 8 GB, so web-llm models are recommended. */
export const gpuReport: CapabilityReport = {
  webgpu: true,
  adapter: { vendor: 'nvidia', architecture: 'ampere', device: '', description: '', isSoftware: false },
  shaderF16: true,
  maxBufferSize: 4 * GB,
  maxStorageBufferBindingSize: 2 * GB,
  deviceMemoryGB: 8,
};

/** A load the test drives step by step. */
export interface PendingLoad {
  choice: LocalModelChoice;
  progress: (update: LoadProgress) => void;
  finish: () => void;
  fail: (error: unknown) => void;
  signal: AbortSignal;
}

/** Local-model services the test controls: loads wait for the test, caches are a set. */
export function fakeModelServices(report: CapabilityReport = gpuReport) {
  const cached = new Set<string>();
  const loads: PendingLoad[] = [];
  const deleted: LocalModelChoice[] = [];
  const storage: StorageInfo = { usageBytes: 300 * 1024 * 1024, quotaBytes: 10 * GB, persisted: false };
  const services: LocalModelServices = {
    catalog: () => modelCatalog,
    probe: async () => report,
    isCached: async (choice) => cached.has(choiceKey(choice)),
    deleteCached: async (choice) => {
      deleted.push(choice);
      cached.delete(choiceKey(choice));
    },
    load: (choice, onProgress, signal) =>
      new Promise<void>((resolve, reject) => {
        signal.addEventListener('abort', () => reject(new TabagentError('aborted', 'Stopped.')), { once: true });
        loads.push({ choice, progress: onProgress, finish: resolve, fail: reject, signal });
      }),
    storage: async () => ({ ...storage }),
    persist: async () => {
      storage.persisted = true;
      return true;
    },
  };
  return { services, cached, loads, deleted };
}
