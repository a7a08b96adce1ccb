/**
 * Grammar-constrained tool calls: for engines that can constrain decoding (web-llm / XGrammar),
 * a grammar or JSON schema built from the current tools so that the model can only write a
 * well-formed call to an existing tool with schema-valid arguments, or (if allowed) plain text.
 * Pure: strings and JSON schemas out, no engine imported.
 */
export { toolCallGrammar, HERMES_OPEN, HERMES_CLOSE, LLAMA3_CALL_OPENERS, type ToolCallGrammarOptions } from './tool-call-grammar';
export { toolCallJsonSchema } from './tool-call-schema';
export { MAX_MIN_ITEMS } from './schema-model';
export { textOrCallJsonSchema, isTextOrCallSchema, TEXT_OR_CALL_TEXT_KEY, TEXT_OR_CALL_SCHEMA_TITLE } from './text-or-call-schema';
