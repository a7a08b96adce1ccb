/**
 * Lets Node import modules written for Vite's `?url` suffix (src/llm/transformers/ort-wasm-paths.ts
 * imports onnxruntime-web's .wasm that way). Under Vite the import yields the file's served URL; here
 * it yields the file's `file:` URL, which nothing in Node reads: transformers.js runs on
 * onnxruntime-node there. Without this hook Node refuses the `.wasm` file before any code runs.
 * Call it before dynamically importing such a module (static imports load before any code runs).
 */
import { register } from 'node:module';

/** Module hooks run in their own thread and are given as source, so they need no build step. */
const HOOKS = `
const MARK = 'tabagent-asset-url';
export async function resolve(specifier, context, nextResolve) {
  if (!specifier.endsWith('?url')) return nextResolve(specifier, context);
  const target = await nextResolve(specifier.slice(0, -'?url'.length), context);
  return { url: target.url + '?' + MARK, format: 'module', shortCircuit: true };
}
export async function load(url, context, nextLoad) {
  if (!url.endsWith('?' + MARK)) return nextLoad(url, context);
  const fileUrl = url.slice(0, -(MARK.length + 1));
  return { format: 'module', source: 'export default ' + JSON.stringify(fileUrl) + ';', shortCircuit: true };
}
`;

let registered = false;

/** Registers the `?url` hooks once per process. */
export function registerAssetUrlImports(): void {
  if (registered) return;
  registered = true;
  register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
}
