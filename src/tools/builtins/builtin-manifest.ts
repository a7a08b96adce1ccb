import type { ToolManifest } from '../manifest';

/** What a built-in's manifest says itself; the rest is the same for every built-in. */
export type BuiltinManifestFields = Pick<ToolManifest, 'name' | 'description' | 'parameters'> &
  Partial<Pick<ToolManifest, 'kind' | 'trustedOutput' | 'examples'>>;

/**
 * A built-in tool's manifest: it runs here (kind 'builtin' unless given), changes nothing outside
 * the app (no side effects) and reaches no origin, at version 1.0.0. Tools that differ in any of
 * those (model_api) write their manifest out in full.
 */
export function builtinManifest(fields: BuiltinManifestFields): ToolManifest {
  return { kind: 'builtin', sideEffects: false, allowedOrigins: [], version: '1.0.0', ...fields };
}
