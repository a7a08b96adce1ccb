/**
 * The whole pipeline: synthetic (template and teacher) dialogues plus opted-in stored
 * conversations → dedup → deterministic train/test split → JSONL, with a summary of counts.
 */
import type { FormatName } from '../core/formats/types';
import type { ChatEngine } from '../core/types';
import { toDefinition, type ToolManifest } from '../tools/manifest';
import { dedupeDialogues, splitDialogues } from './dedup';
import { conversationsToDialogues, type ConversationStats } from './export/conversations';
import { joinJsonl, toJsonlLines, type ExportFormat } from './export/jsonl';
import { generateDialogues } from './synthetic/generate';
import { generateWithTeacher } from './synthetic/teacher';
import type { Dialogue, DialogueKind, DialogueSource, Language, Split, StoredConversation } from './types';

/** A teacher model that writes requests (see `generateWithTeacher`). */
export interface TeacherConfig {
  engine: ChatEngine;
  /** Requests per tool and language. */
  perTool: number;
  temperature?: number;
  signal?: AbortSignal;
}

/** Options of {@link buildDataset}. */
export interface BuildDatasetOptions {
  manifests: readonly ToolManifest[];
  /** Template dialogues to generate (default 200; 0 for none). */
  count?: number;
  languages?: readonly Language[];
  seed?: number;
  multiStepRatio?: number;
  /** Share of the test split (default 0.1). */
  testRatio?: number;
  /** Weight of call spans (default 2.0). */
  multiplier?: number;
  format?: ExportFormat;
  /** Text format the spans are computed over (default 'hermes'). */
  spanFormat?: FormatName;
  /** Add Weighted-LM spans to OpenAI-format lines (default true). */
  includeSpans?: boolean;
  teacher?: TeacherConfig;
  conversations?: readonly StoredConversation[];
}

/** Counts of one set of dialogues. */
export interface DialogueCounts {
  total: number;
  byLanguage: Record<Language, number>;
  byKind: Record<DialogueKind, number>;
  bySource: Record<DialogueSource, number>;
}

/** What the export did, printed by the CLI. */
export interface DatasetSummary {
  format: ExportFormat;
  seed: number;
  testRatio: number;
  multiplier: number;
  splits: Record<Split, DialogueCounts>;
  /** Dialogues dropped because a call failed its tool's schema, per source. */
  invalidDropped: Record<DialogueSource, number>;
  /** Duplicates removed within each generator and, `merged`, across sources. */
  duplicatesRemoved: { template: number; teacher: number; merged: number };
  conversations: Pick<ConversationStats, 'optedIn' | 'notOptedIn' | 'empty'>;
  /** Secret-named argument fields removed. */
  secretsRemoved: number;
  /** Dialogues the chosen format could not express. */
  skipped: number;
}

/** The dataset: JSONL text per split, the dialogues behind it, and the summary. */
export interface BuiltDataset {
  train: string;
  test: string;
  dialogues: Record<Split, Dialogue[]>;
  summary: DatasetSummary;
}

/** Counts by language, kind and source. */
export function countDialogues(dialogues: readonly Dialogue[]): DialogueCounts {
  const counts: DialogueCounts = {
    total: dialogues.length,
    byLanguage: { en: 0, zh: 0 },
    byKind: { single: 0, multi: 0, conversation: 0 },
    bySource: { template: 0, teacher: 0, conversation: 0 },
  };
  for (const dialogue of dialogues) {
    counts.byLanguage[dialogue.language]++;
    counts.byKind[dialogue.kind]++;
    counts.bySource[dialogue.source]++;
  }
  return counts;
}

/** Runs the pipeline. Deterministic for the same inputs, seed and (deterministic) teacher. */
export async function buildDataset(options: BuildDatasetOptions): Promise<BuiltDataset> {
  const seed = options.seed ?? 1;
  const testRatio = options.testRatio ?? 0.1;
  const multiplier = options.multiplier ?? 2;
  const format = options.format ?? 'openai';
  const generated = generateDialogues(options.manifests, {
    count: options.count ?? 200,
    seed,
    ...(options.languages ? { languages: options.languages } : {}),
    ...(options.multiStepRatio !== undefined ? { multiStepRatio: options.multiStepRatio } : {}),
  });
  const taught = options.teacher
    ? await generateWithTeacher(options.teacher.engine, options.manifests, {
        perTool: options.teacher.perTool,
        ...(options.languages ? { languages: options.languages } : {}),
        ...(options.teacher.temperature !== undefined ? { temperature: options.teacher.temperature } : {}),
        ...(options.teacher.signal ? { signal: options.teacher.signal } : {}),
      })
    : { dialogues: [], stats: { invalidDropped: 0, duplicatesRemoved: 0 } };
  const stored = conversationsToDialogues(options.conversations ?? [], options.manifests.map(toDefinition));

  const merged = dedupeDialogues([...generated.dialogues, ...taught.dialogues, ...stored.dialogues]);
  const dialogues = splitDialogues(merged.dialogues, testRatio);
  const secretsRemoved = { count: stored.stats.secretsRemoved };
  const exportOptions = {
    multiplier,
    spanFormat: options.spanFormat ?? 'hermes',
    includeSpans: options.includeSpans ?? true,
    secretsRemoved,
  };
  const train = toJsonlLines(dialogues.train, format, exportOptions);
  const test = toJsonlLines(dialogues.test, format, exportOptions);
  return {
    train: joinJsonl(train.lines),
    test: joinJsonl(test.lines),
    dialogues,
    summary: {
      format,
      seed,
      testRatio,
      multiplier,
      splits: { train: countDialogues(dialogues.train), test: countDialogues(dialogues.test) },
      invalidDropped: {
        template: generated.stats.invalidDropped,
        teacher: taught.stats.invalidDropped,
        conversation: stored.stats.invalidDropped,
      },
      duplicatesRemoved: {
        template: generated.stats.duplicatesRemoved,
        teacher: taught.stats.duplicatesRemoved,
        merged: merged.removed,
      },
      conversations: { optedIn: stored.stats.optedIn, notOptedIn: stored.stats.notOptedIn, empty: stored.stats.empty },
      secretsRemoved: secretsRemoved.count,
      skipped: train.skipped + test.skipped,
    },
  };
}
