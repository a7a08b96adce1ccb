/**
 * web-llm's prebuilt models download from the Hugging Face hub, which publishes a hash for each file
 * (LFS SHA-256 for the weight shards, git blob SHA-1 for configs and tokenizers). The web-llm
 * worker checks every hub download against them before web-llm caches or uses it. (The model
 * libraries, `.wasm` from GitHub, have no published hash unless a model record carries web-llm's
 * own `integrity` field, which web-llm then checks itself.)
 */
import { createVerifiedFetch } from '../transformers/verified-fetch';

/** Where web-llm's model records point. */
export const WEBLLM_HUB_HOST = 'https://huggingface.co/';

/** Wraps the scope's `fetch` (in the worker: the network door) with the hub check. */
export function verifyWebLLMDownloads(scope: { fetch: typeof fetch }, host: string = WEBLLM_HUB_HOST): void {
  const before = scope.fetch.bind(scope);
  scope.fetch = createVerifiedFetch(host, before);
}
