import type { AppConfig } from '@mlc-ai/web-llm';
import { toWebLLMError } from './errors';

/** What the Models page needs from web-llm's download cache. */
export interface WebLLMCache {
  /** Whether the model's weights are in this browser's cache. */
  has(modelId: string): Promise<boolean>;
  /** Deletes the model's weights, WASM library and config from the cache. */
  delete(modelId: string): Promise<void>;
}

/**
 * web-llm's cache functions, imported on first use. They run in workers/webllm.worker.ts, which
 * holds web-llm anyway; the page reaches them through `createWorkerModelCache` (worker-protocol).
 */
export function webllmCache(appConfig?: AppConfig): WebLLMCache {
  return {
    async has(modelId) {
      try {
        const { hasModelInCache } = await import('@mlc-ai/web-llm');
        return await hasModelInCache(modelId, appConfig);
      } catch (error) {
        throw toWebLLMError(error, modelId);
      }
    },
    async delete(modelId) {
      try {
        const { deleteModelAllInfoInCache } = await import('@mlc-ai/web-llm');
        await deleteModelAllInfoInCache(modelId, appConfig);
      } catch (error) {
        throw toWebLLMError(error, modelId);
      }
    },
  };
}
