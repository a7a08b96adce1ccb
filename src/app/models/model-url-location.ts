/** Where transformers.js finds a model given by URL. */
export type ModelUrlLocation =
  | { modelId: string; localModelPath: string; allowRemote: false }
  | { modelId: string; remoteHost: string; remotePathTemplate: string; allowRemote: true };

/**
 * Maps a model folder URL to transformers.js's options. On the page's own origin it is a local
 * path (`localModelPath` = the parent folder, relative). Elsewhere it is read like the hub, with
 * the folder's name as the model id and its parent path in the path template: transformers.js 4.3
 * probes tokenizer files only on a remote host or a relative local path, never an absolute URL.
 */
export function modelUrlLocation(baseUrl: string, pageOrigin?: string): ModelUrlLocation {
  const url = new URL(baseUrl);
  const segments = url.pathname.split('/').filter((segment) => segment !== '');
  const modelId = segments.pop() ?? '';
  if (url.origin !== pageOrigin) {
    // transformers.js accepts only hub-shaped ids, so the folder's parent path goes in the template.
    const parent = segments.map((segment) => `${segment}/`).join('');
    return { modelId, remoteHost: `${url.origin}/`, remotePathTemplate: `${parent}{model}/`, allowRemote: true };
  }
  const parent = segments.length > 0 ? `/${segments.join('/')}/` : '/';
  return { modelId, localModelPath: parent, allowRemote: false };
}
