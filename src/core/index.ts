/** Public API of the agent core: pure TypeScript, no DOM, no engines, no storage. */
export * from './types';
export * from './errors';
export type * from './tool-runner';
export type * from './agent/events';
export type * from './agent/options';
export { runAgent } from './agent/run-agent';
export { buildPrompt, DEFAULT_SYSTEM_PROMPT } from './agent/prompt';
export { estimateTokens, MESSAGE_OVERHEAD_TOKENS, type CountTokens } from './agent/token-count';
export { PromptBudgeter, omissionNote, type BudgetSplit, type ContextBudget, type HistoryPlan } from './agent/budget';
export { parseToolCalls, detectFormat, getFormat } from './formats';
export type * from './formats/types';
export type * from './agent/turn-context';
export { renderSections, turnQueryText } from './agent/turn-context';
export {
  afterSections,
  afterToolResult,
  CLEAN,
  confirmationReasons,
  requiresConfirmation,
  taintOfHistory,
  traitsOf,
  type Taint,
} from './agent/taint';
export {
  containsSecretPlaceholder,
  placeholderIds,
  replacePlaceholders,
  secretPlaceholder,
  valueContainsPlaceholder,
} from './secret-placeholder';
