import type { EngineCapabilities } from '../../core/types';

/** The engine's id. */
export const BUILTIN_AI_ENGINE_ID = 'builtin-ai';

/** Gemini Nano's window in Chrome 138 (inputQuota 6144); replaced by the session's own figure once loaded. */
export const DEFAULT_CONTEXT_WINDOW = 6144;

/** No native tool calls (tools travel as text), output constrained by JSON schema (`responseConstraint`). */
export function builtinAiCapabilities(contextWindow: number = DEFAULT_CONTEXT_WINDOW): EngineCapabilities {
  return { nativeToolCalls: false, constrainedOutput: 'json-schema', contextWindow };
}
