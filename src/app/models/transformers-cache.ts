import { HUB_HOST, type LocalModelChoice } from './local-choice';

/** The Cache API cache transformers.js keeps downloads in (its `env.cacheKey`). */
export const TRANSFORMERS_CACHE_NAME = 'transformers-cache';

/** The URL prefix every file of this model is cached under. */
export function transformersCachePrefix(choice: LocalModelChoice): string {
  if (choice.customModelUrl) return choice.customModelUrl;
  return `${HUB_HOST}${choice.modelId}/resolve/`;
}

async function cachedRequests(choice: LocalModelChoice): Promise<{ cache: Cache; requests: Request[] } | undefined> {
  if (typeof caches === 'undefined') return undefined;
  const cache = await caches.open(TRANSFORMERS_CACHE_NAME);
  const prefix = transformersCachePrefix(choice);
  const requests = (await cache.keys()).filter((request) => request.url.startsWith(prefix));
  return { cache, requests };
}

/** Whether transformers.js has this model's weights cached (an .onnx file under its prefix). */
export async function hasTransformersModel(choice: LocalModelChoice): Promise<boolean> {
  const found = await cachedRequests(choice);
  return found?.requests.some((request) => /\.onnx(_data)?$/.test(new URL(request.url).pathname)) ?? false;
}

/** Deletes every cached file of this model. */
export async function deleteTransformersModel(choice: LocalModelChoice): Promise<void> {
  const found = await cachedRequests(choice);
  if (!found) return;
  await Promise.all(found.requests.map((request) => found.cache.delete(request)));
}
