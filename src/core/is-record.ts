/**
 * The one plain-object check for data we did not write ourselves (server JSON, documents, files,
 * tool arguments): read fields only after it, never trust a shape.
 */

/** True for a non-null object that is not an array (JSON's `{…}`). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
