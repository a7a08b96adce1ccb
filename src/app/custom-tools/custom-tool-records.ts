/** Custom tools in IndexedDB: `tools` records whose source is `custom`. */
import type { TabagentDb, ToolRecord } from '../../store';
import type { ToolManifest } from '../../tools/manifest';

/** Every saved custom tool record, by name. */
export async function listCustomToolRecords(db: TabagentDb): Promise<ToolRecord[]> {
  const records = await db.getAll('tools');
  return records.filter((record) => record.source.kind === 'custom').sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Saves `manifest` and, when it was renamed, deletes the old record, in one transaction (so a
 * crash never leaves both or neither). Keeps the original creation time.
 */
export async function putCustomToolRecord(db: TabagentDb, manifest: ToolManifest, now: number, previousName?: string): Promise<void> {
  const transaction = db.transaction('tools', 'readwrite');
  const existing = await transaction.store.get(previousName ?? manifest.name);
  const record: ToolRecord = {
    name: manifest.name,
    manifest,
    source: { kind: 'custom' },
    enabled: existing?.enabled ?? true,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  const writes: Array<Promise<unknown>> = [transaction.store.put(record)];
  if (previousName !== undefined && previousName !== manifest.name && existing?.source.kind === 'custom') writes.push(transaction.store.delete(previousName));
  await Promise.all([...writes, transaction.done]);
}

/** Deletes a custom tool's record (another kind of tool of that name is left alone). */
export async function deleteCustomToolRecord(db: TabagentDb, name: string): Promise<void> {
  const transaction = db.transaction('tools', 'readwrite');
  const existing = await transaction.store.get(name);
  if (existing?.source.kind === 'custom') await transaction.store.delete(name);
  await transaction.done;
}
