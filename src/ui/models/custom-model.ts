import type { LocalModelChoice } from './local-choice';

/** What the person typed in the "any model" field, checked. */
export type CustomModelInput =
  | { ok: true; choice: LocalModelChoice }
  | { ok: false; message: string };

const HUB_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;
const WEBLLM_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * Reads the "any model" field. A URL becomes a transformers.js base URL (it must be https, or
 * http on this machine: a page served over https cannot fetch plain http, and model files must
 * not travel unencrypted); `owner/name` is a Hugging Face repo for transformers.js; a bare id is
 * a web-llm prebuilt model id.
 *
 * With `pageOrigin`, a URL must be on that origin: transformers.js 4.3 looks up a model's
 * tokenizer files only on the hub or under a same-origin path (its `get_file_metadata` skips
 * absolute http URLs), so a model on another origin would fail half-way through loading.
 */
export function parseCustomModel(text: string, device: 'webgpu' | 'wasm', pageOrigin?: string): CustomModelInput {
  const value = text.trim();
  if (value === '') return { ok: false, message: 'Enter a model id (owner/name) or a URL.' };
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { ok: false, message: 'That is not a valid URL.' };
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocalHost(url.hostname))) {
      return { ok: false, message: 'Use an https:// URL (http:// only for localhost).' };
    }
    if (pageOrigin !== undefined && url.origin !== pageOrigin) {
      return { ok: false, message: `transformers.js can load model files by URL only from this site (${pageOrigin}/…). Use a Hugging Face id for other models.` };
    }
    if (url.search || url.hash) return { ok: false, message: 'The URL should be a folder, without ? or #.' };
    const segments = url.pathname.split('/').filter((segment) => segment !== '');
    if (segments.length === 0) return { ok: false, message: 'The URL must name the model folder, e.g. https://host/models/my-model/.' };
    const base = `${url.origin}${url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`}`;
    return { ok: true, choice: { engine: 'transformers', modelId: '', device, customModelUrl: base } };
  }
  if (HUB_ID.test(value)) return { ok: true, choice: { engine: 'transformers', modelId: value, device } };
  if (WEBLLM_ID.test(value)) return { ok: true, choice: { engine: 'webllm', modelId: value } };
  return { ok: false, message: 'A model id looks like owner/name (Hugging Face) or a web-llm id such as Qwen2.5-1.5B-Instruct-q4f16_1-MLC.' };
}

/**
 * Splits a custom base URL into transformers.js's `localModelPath` (the parent folder) and the
 * model folder name. On `pageOrigin` the path is kept relative ("/models/"), the only form
 * transformers.js 4.3 probes for tokenizer files (see `parseCustomModel`).
 */
export function splitModelUrl(baseUrl: string, pageOrigin?: string): { localModelPath: string; modelId: string } {
  const url = new URL(baseUrl);
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const modelId = segments.pop() ?? '';
  const parent = segments.length > 0 ? `/${segments.join('/')}/` : '/';
  return { localModelPath: url.origin === pageOrigin ? parent : `${url.origin}${parent}`, modelId };
}
