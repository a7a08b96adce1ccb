/**
 * The app's training-data export: the stored conversations the person opted in, plus synthetic
 * dialogues from the tool manifests, through the same `buildDataset` as `npm run export-training`.
 */
import { buildDataset, type DatasetSummary, type ExportFormat, type StoredConversation } from '../../data';
import { ConversationStore, restoreTurns, type TabagentDb } from '../../store';
import type { ToolManifest } from '../../tools/manifest';

/**
 * Every stored conversation as the exporter takes it. Only opted-in conversations are read
 * (the others are passed on empty, to be counted and left out), and of those only turns that
 * finished: a stopped or failed turn may hold half an answer or a call without its result.
 */
export async function readStoredConversations(db: TabagentDb): Promise<StoredConversation[]> {
  const store = new ConversationStore(db, { channelName: false });
  try {
    const conversations: StoredConversation[] = [];
    for (const conversation of await store.list()) {
      if (conversation.trainingOptIn !== true) {
        conversations.push({ id: conversation.id, optIn: false, messages: [] });
        continue;
      }
      const turns = restoreTurns(await store.load(conversation.id)).filter((turn) => turn.status === 'done');
      conversations.push({
        id: conversation.id,
        optIn: true,
        messages: turns.flatMap((turn) => [{ role: 'user' as const, content: turn.userText }, ...turn.messages]),
      });
    }
    return conversations;
  } finally {
    store.close();
  }
}

/** What the person chose on the Eval page. */
export interface TrainingExportOptions {
  format: ExportFormat;
  /** Weight of tool-call spans (OpenAI format). */
  multiplier: number;
  /** Synthetic dialogues to add (0 for none). */
  synthetic: number;
  /** Seed of the synthetic dialogues (default 1: the same export twice gives the same file). */
  seed?: number;
}

/** The file to download and what is in it. */
export interface TrainingFile {
  text: string;
  lines: number;
  fileName: string;
  summary: DatasetSummary;
}

/**
 * Builds the JSONL file: every dialogue in one file (the CLI splits train and test; here the
 * person gets everything), secret-named arguments removed, calls validated against the manifests.
 */
export async function buildTrainingFile(
  conversations: readonly StoredConversation[],
  manifests: readonly ToolManifest[],
  options: TrainingExportOptions,
  date = new Date(),
): Promise<TrainingFile> {
  const dataset = await buildDataset({
    manifests,
    conversations,
    count: options.synthetic,
    seed: options.seed ?? 1,
    testRatio: 0,
    multiplier: options.multiplier,
    format: options.format,
  });
  const text = dataset.train + dataset.test;
  const stamp = date.toISOString().slice(0, 10);
  return {
    text,
    lines: text === '' ? 0 : text.trimEnd().split('\n').length,
    fileName: `tabagent-training-${options.format}-${stamp}.jsonl`,
    summary: dataset.summary,
  };
}

/** Offers `text` as a file download (a Blob behind a temporary link). */
export function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/jsonl' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers start reading the Blob only after click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
