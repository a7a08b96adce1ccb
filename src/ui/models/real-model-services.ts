import { toTabagentError } from '../../core/errors';
import { probeCapabilities } from '../../llm/capabilities';
import { modelCatalog } from '../../llm/catalog';
import { webllmCache } from '../../llm/webllm';
import type { LocalEngineHolder } from './local-engines';
import type { LocalModelServices } from './model-services';
import { deleteTransformersModel, hasTransformersModel } from './transformers-cache';

/** The real Models-page services over web-llm's and transformers.js's caches and the shared engine holder. */
export function createRealModelServices(holder: LocalEngineHolder): LocalModelServices {
  const webllm = webllmCache();
  return {
    catalog: () => modelCatalog,
    probe: () => probeCapabilities(),
    async isCached(choice) {
      try {
        return choice.engine === 'webllm' ? await webllm.has(choice.modelId) : await hasTransformersModel(choice);
      } catch {
        // An unknown id or an unreadable cache: show it as not downloaded rather than failing the page.
        return false;
      }
    },
    async deleteCached(choice) {
      await holder.release(choice);
      try {
        if (choice.engine === 'webllm') await webllm.delete(choice.modelId);
        else await deleteTransformersModel(choice);
      } catch (error) {
        throw toTabagentError(error, 'storage');
      }
    },
    async load(choice, onProgress, signal) {
      await holder.engineFor(choice).load(onProgress, signal);
    },
    async storage() {
      if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return undefined;
      const [estimate, persisted] = await Promise.all([
        navigator.storage.estimate(),
        navigator.storage.persisted ? navigator.storage.persisted() : Promise.resolve(false),
      ]);
      return { usageBytes: estimate.usage ?? 0, quotaBytes: estimate.quota ?? 0, persisted };
    },
    async persist() {
      if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
      return navigator.storage.persist();
    },
  };
}
