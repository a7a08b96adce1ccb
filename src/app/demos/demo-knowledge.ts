import type { Embedder } from '../../embed/types';
import { createBase, ingestDocument, listBases } from '../../knowledge';
import type { TabagentDb } from '../../store';
import type { DemoDocument } from './demo-assets';

/**
 * Makes sure the demo knowledge base holds the sample documents, and returns its id. Idempotent:
 * the base is found again by either of its names (`names`, one per interface language) and a
 * document already in it (same bytes) is left as it is, so running the demo twice adds nothing.
 * With `embedder` the passages are embedded now; without, keyword search finds them.
 */
export async function ensureDemoKnowledge(
  db: TabagentDb,
  options: { name: string; names: readonly string[]; documents: readonly DemoDocument[]; embedder?: Embedder | undefined },
): Promise<string> {
  const bases = await listBases(db);
  const base = bases.find((candidate) => options.names.includes(candidate.name)) ?? (await createBase(db, options.name));
  for (const document of options.documents) {
    const bytes = new TextEncoder().encode(document.text).buffer as ArrayBuffer;
    await ingestDocument(
      db,
      base.id,
      { name: document.name, title: document.title, mimeType: 'text/markdown', bytes },
      options.embedder ? { embedder: options.embedder } : {},
    );
  }
  return base.id;
}
