import { builtinManifests } from '../../tools/builtins';
import type { ToolManifest } from '../../tools/manifest';
import type { ToolSource } from './tool-library-services';

const BUILTIN_NAMES: ReadonlySet<string> = new Set(builtinManifests.map((manifest) => manifest.name));

/** Where a registered tool comes from, as the Tools page groups it. */
export function sourceOf(manifest: Readonly<ToolManifest>): ToolSource {
  // Imported tools never take a built-in's name, but a name alone proves nothing: kind decides first.
  if (manifest.kind === 'mcp') return 'mcp';
  if (manifest.kind === 'openapi') return 'openapi';
  if (BUILTIN_NAMES.has(manifest.name)) return 'builtin';
  if (manifest.kind === 'builtin' || manifest.kind === 'model-api') return 'builtin';
  return 'custom';
}
