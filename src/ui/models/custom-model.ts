import type { LocalModelChoice } from '../../app/models/local-choice';
import { t } from './messages';

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
 * A folder on another origin is read the way the hub is (see `modelUrlLocation` in src/app/models); its server must
 * allow this page's origin (CORS).
 */
export function parseCustomModel(text: string, device: 'webgpu' | 'wasm'): CustomModelInput {
  const value = text.trim();
  if (value === '') return { ok: false, message: t('enterId') };
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return { ok: false, message: t('invalidUrl') };
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLocalHost(url.hostname))) {
      return { ok: false, message: t('httpsOnly') };
    }
    if (url.search || url.hash) return { ok: false, message: t('folderOnly') };
    const segments = url.pathname.split('/').filter((segment) => segment !== '');
    if (segments.length === 0) return { ok: false, message: t('nameFolder') };
    const base = `${url.origin}${url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`}`;
    return { ok: true, choice: { engine: 'transformers', modelId: '', device, customModelUrl: base } };
  }
  if (HUB_ID.test(value)) return { ok: true, choice: { engine: 'transformers', modelId: value, device } };
  if (WEBLLM_ID.test(value)) return { ok: true, choice: { engine: 'webllm', modelId: value } };
  return { ok: false, message: t('idShape') };
}
