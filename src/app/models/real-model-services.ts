import { toTabagentError } from '../../core/errors';
import { probeCapabilitiesInWorker } from '../../llm/capabilities';
import { modelCatalog } from '../../llm/catalog';
import { createWorkerModelCache, spawnWebLLMWorker } from '../../llm/worker-protocol';
import { grantDuring, MODEL_HUB_ORIGINS, type Granter } from '../../net/hub-origins';
import { originOf } from '../../tools/origins';
import { builtinAiState } from './builtin-ai';
import type { LocalEngineHolder } from './local-engines';
import type { LocalModelServices } from './model-services';
import { deleteTransformersModel, hasTransformersModel } from './transformers-cache';

/**
 * web-llm keeps model weights in the Cache Storage cache 'webllm/model' (its default backend).
 * Until that cache exists no web-llm model can be downloaded, and web-llm's 6 MB worker need not
 * start to say so: on a first visit (the welcome and the Models page ask at once) it would be the
 * biggest download of the start-up. Where Cache Storage is missing, web-llm is asked as before.
 */
async function webllmCacheMayHold(): Promise<boolean> {
  if (typeof caches === 'undefined') return true;
  return caches.has('webllm/model').catch(() => true);
}

/**
 * The real Models-page services over web-llm's and transformers.js's caches and the shared engine
 * holder. With `network`, a download the person starts here is the only time the model hub (or
 * the custom model URL's origin) is granted.
 */
export function createRealModelServices(holder: LocalEngineHolder, network?: Granter): LocalModelServices {
  // Asked inside the web-llm worker: the page never loads web-llm's runtime itself.
  const webllm = createWorkerModelCache({ spawn: spawnWebLLMWorker, kind: 'webllm' });
  return {
    catalog: () => modelCatalog,
    // In a worker: the GPU stack's start-up was a long task on the page as the welcome appeared.
    probe: () => probeCapabilitiesInWorker(),
    async isCached(choice) {
      // Chrome keeps its own model; whether it is there is its availability, not a cache of ours.
      if (choice.engine === 'builtin') return (await builtinAiState()) === 'available';
      try {
        if (choice.engine === 'webllm') return (await webllmCacheMayHold()) && (await webllm.has(choice.modelId));
        return await hasTransformersModel(choice);
      } catch {
        // An unknown id or an unreadable cache: show it as not downloaded rather than failing the page.
        return false;
      }
    },
    async deleteCached(choice) {
      await holder.release(choice);
      if (choice.engine === 'builtin') return;
      try {
        if (choice.engine === 'webllm') await webllm.delete(choice.modelId);
        else await deleteTransformersModel(choice);
      } catch (error) {
        throw toTabagentError(error, 'storage');
      }
    },
    resetContext: () => holder.resetContext(),
    async load(choice, onProgress, signal) {
      // Chrome downloads its own model itself: no origin of ours is granted for it.
      if (choice.engine === 'builtin') return holder.load(choice, onProgress, signal);
      const custom = choice.customModelUrl ? originOf(choice.customModelUrl) : undefined;
      const origins = [...MODEL_HUB_ORIGINS, ...(custom ? [custom] : [])];
      const holderName = `model download: ${choice.modelId || choice.customModelUrl || choice.engine}`;
      await grantDuring(network, origins, holderName, () => holder.load(choice, onProgress, signal));
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
