/**
 * Training data: synthetic tool-use dialogues (templates or a teacher model) and the user's
 * opted-in conversations, exported for Weighted-LM fine-tuning (OpenAI chat JSONL with call-span
 * weights, or LLaMA-Factory ShareGPT). No DOM, no storage: callers hand conversations in.
 */
export * from './types';
export { hash53, hashId, createRng, stableStringify, type Rng } from './hash';
export { normalizeText, dedupKey, dedupeDialogues, splitOf, splitDialogues } from './dedup';
export { generateDialogues, type GenerateOptions, type GenerationStats, type GeneratedDialogues } from './synthetic/generate';
export { generateWithTeacher, teacherRequest, type TeacherOptions } from './synthetic/teacher';
export { parseTeacherAnswer, type TeacherItem } from './synthetic/teacher-parse';
export { buildDialogue, type DialoguePlan, type PlannedCall } from './synthetic/build';
export { sampleArguments, sampleObject, sampleValue, type SampledArguments } from './synthetic/values';
export { SYSTEM_PROMPTS, describeArguments, languageOf } from './synthetic/templates';
export { isSecretKey, stripSecrets } from './export/secrets';
export { renderWeightedTurn, type RenderedTurn, type WeightedSpan } from './export/spans';
export { toOpenAIRecord, type ExportOptions, type OpenAIMessage, type OpenAIRecord, type OpenAIToolCall } from './export/openai';
export { toShareGPTRecord, type ShareGPTRecord, type ShareGPTRole, type ShareGPTTurn } from './export/sharegpt';
export { conversationsToDialogues, type ConversationStats } from './export/conversations';
export { EXPORT_FORMATS, joinJsonl, toJsonlLines, type ExportFormat } from './export/jsonl';
export {
  buildDataset,
  countDialogues,
  type BuildDatasetOptions,
  type BuiltDataset,
  type DatasetSummary,
  type DialogueCounts,
  type TeacherConfig,
} from './dataset';
