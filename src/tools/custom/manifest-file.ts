import { TabagentError } from '../../core/errors';
import { validateManifest, type ToolManifest } from '../manifest';

/** A manifest file read for import: the validated manifest, or what is wrong with it. */
export type ParsedManifestFile = { ok: true; manifest: ToolManifest } | { ok: false; problems: string[] };

/** Largest manifest file accepted (real ones are a few kilobytes). */
const MAX_FILE_CHARS = 1_000_000;

/**
 * Reads a manifest file in the public/tool-manifests format (as `manifestToJson` writes it) and
 * validates it fully. Only custom tools can be imported this way: a manifest without an
 * `implementation` describes a tool whose code lives elsewhere (a built-in, MCP or OpenAPI).
 */
export function parseManifestFile(text: string): ParsedManifestFile {
  if (text.length > MAX_FILE_CHARS) return { ok: false, problems: [`The file is larger than ${MAX_FILE_CHARS / 1_000_000} MB; a tool manifest is a few kilobytes.`] };
  let value: unknown;
  try {
    value = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, problems: [`The file is not JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  let manifest: ToolManifest;
  try {
    manifest = validateManifest(value);
  } catch (error) {
    if (!TabagentError.is(error)) throw error;
    const problems = Array.isArray(error.data.problems) ? error.data.problems.map(String) : [error.message];
    return { ok: false, problems };
  }
  if (!manifest.implementation) {
    return {
      ok: false,
      problems: ['implementation: is required; only custom tools (an HTTP request template or JavaScript) can be imported here'],
    };
  }
  // A file cannot grant private-network access: only an address the person types can.
  const { privateNetwork: _ignored, ...granted } = manifest;
  return { ok: true, manifest: granted };
}

/** The file name a manifest is exported under (the public/tool-manifests convention). */
export function exportFileName(manifest: Pick<ToolManifest, 'name'>): string {
  return `${manifest.name}.json`;
}
