/**
 * The plain-object check the OpenAPI modules share, apart from document.ts: that module loads the
 * YAML and `$ref` parsers (~170 KB), and anything importing it statically — the tool executor does,
 * through servers.ts — would put them into the app's start-up JavaScript.
 */

/** A plain JSON object from an untrusted document. */
export type JsonObject = Record<string, unknown>;

export { isRecord as isObject } from '../../core/is-record';
