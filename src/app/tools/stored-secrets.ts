import type { SecretRecord, TabagentDb } from '../../store';
import type { ResolveSecret } from '../../tools/secrets';

/**
 * Secrets the tool library stores for MCP servers and OpenAPI imports, kept in the `secrets`
 * store with the origins they may go to. This is the minimal version of the network door's
 * secret handling (src/net): a value is handed out only for a request to one of its origins.
 */
export async function storeSecret(db: TabagentDb, input: { id: string; label: string; value: string; origins: string[]; now: number }): Promise<void> {
  const record: SecretRecord = { id: input.id, label: input.label, value: input.value, origins: [...new Set(input.origins)], createdAt: input.now };
  await db.put('secrets', record);
}

/** Deletes secrets by id (ignores ids that are not there). */
export async function deleteSecrets(db: TabagentDb, ids: Iterable<string>): Promise<void> {
  const transaction = db.transaction('secrets', 'readwrite');
  await Promise.all([...[...ids].map((id) => transaction.store.delete(id)), transaction.done]);
}

/** A `ResolveSecret` over the `secrets` store: the value only when `origin` is one the secret was granted. */
export function storedSecretResolver(database: () => Promise<TabagentDb>): ResolveSecret {
  return async (secretId, origin) => {
    const record = await (await database()).get('secrets', secretId);
    return record && record.origins.includes(origin) ? record.value : undefined;
  };
}

/** Of `candidates`, the secret ids no imported tool and no MCP server uses any more (safe to delete). */
export async function orphanSecrets(db: TabagentDb, candidates: Iterable<string>): Promise<string[]> {
  const [records, servers] = await Promise.all([db.getAll('tools'), db.getAll('mcpServers')]);
  const used = new Set([
    ...records.flatMap((record) => record.openapi?.security.flat().flatMap((scheme) => (scheme.secretId ? [scheme.secretId] : [])) ?? []),
    ...servers.flatMap((server) => Object.values(server.headerSecrets)),
  ]);
  return [...new Set(candidates)].filter((id) => !used.has(id));
}
