/** Shared shapes of the training-data pipeline: dialogues, languages, counts. */
import type { ChatMessage, ToolDefinition } from '../core/types';

/** Languages the synthetic templates are written in. */
export type Language = 'en' | 'zh';

/** Every supported language, in output order. */
export const LANGUAGES: readonly Language[] = ['en', 'zh'];

/**
 * How a dialogue came about: one call, a chain of calls, or a stored user conversation
 * (which may have any shape).
 */
export type DialogueKind = 'single' | 'multi' | 'conversation';

/** Who wrote the user text: our templates, a teacher model, or the user. */
export type DialogueSource = 'template' | 'teacher' | 'conversation';

/** One training example: an engine-neutral transcript plus the tools offered to the model. */
export interface Dialogue {
  /** Stable id (a hash of the dedup key), so reruns name the same dialogue the same way. */
  id: string;
  language: Language;
  kind: DialogueKind;
  source: DialogueSource;
  messages: ChatMessage[];
  /** The tools the model saw, sorted by name. */
  tools: ToolDefinition[];
}

/** A stored conversation as the store will hand it over; only `optIn: true` ones are exported. */
export interface StoredConversation {
  id?: string;
  /** The user agreed that this conversation may be used for training. */
  optIn: boolean;
  messages: ChatMessage[];
  /** Tools offered in that conversation; when absent, the export's manifests are used. */
  tools?: ToolDefinition[];
}

/** The two parts of a dataset. */
export type Split = 'train' | 'test';
