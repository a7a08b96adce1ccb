/**
 * The seam through which imported tools (MCP servers, OpenAPI operations) get credentials.
 * Manifests, records and bindings hold only secret ids; the value is looked up at the moment a
 * request leaves, for that request's origin, and is never stored beside the tool, shown to the
 * model, or written to a log. The network door (src/net) is meant to take over this lookup.
 */

/**
 * Returns the value of secret `secretId` for a request to `origin`, or undefined when there is
 * no such secret or it was not granted to that origin (so a tool steered to another origin
 * gets nothing).
 */
export type ResolveSecret = (secretId: string, origin: string) => Promise<string | undefined>;

/** A resolver that knows no secrets (the default when none is given). */
export const noSecrets: ResolveSecret = () => Promise.resolve(undefined);
