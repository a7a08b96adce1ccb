/**
 * The tool-call grammar of the model's own template path. When the chat template takes `tools`,
 * the agent neither renders the tools nor parses the calls, so it sends no grammar; the engine
 * builds one from the request's tools in the format the family writes, where the grammar can write
 * that format exactly as the engine's call splitter reads it.
 */
import { toolCallGrammar, type ToolCallGrammarOptions } from '../../../core/grammar';
import type { FormatName } from '../../../core/formats/types';
import type { ChatRequest } from '../../../core/types';

/**
 * The families the tool-call grammar writes: Hermes (Qwen2.5, Qwen3, Hermes 2/3) and Llama 3.1–3.3
 * (`{"name": …, "parameters": …}`, as its template asks). The other families' formats (LFM2's
 * Python calls, FunctionGemma, Mistral, …) have no grammar yet: they decode unconstrained.
 */
const GRAMMAR_FORMATS: Partial<Record<FormatName, ToolCallGrammarOptions['format']>> = { hermes: 'hermes', 'llama3-json': 'llama3' };

/** What is read from the loaded template (see template-tools.ts). */
export interface NativeToolFamily {
  format: FormatName;
  thinks: boolean;
}

/**
 * The grammar (XGrammar EBNF) for `request` on a template of `family`, or undefined when the
 * request is not constrained this way: it has its own `responseFormat` (that one wins), offers no
 * tools, says `toolChoice: 'none'` or names a tool it does not offer, or the family has no grammar.
 * `toolChoice: 'required'` or a named tool leaves out the text branch. One optional think block may
 * come first when the request turns thinking on, or leaves it unset on a template that thinks;
 * `startsInsideThink` (the prompt opened the block) makes the answer close it first.
 */
export function nativeToolGrammar(
  family: NativeToolFamily,
  request: Pick<ChatRequest, 'tools' | 'toolChoice' | 'thinking' | 'responseFormat'>,
  startsInsideThink = false,
): string | undefined {
  const format = GRAMMAR_FORMATS[family.format];
  const { toolChoice } = request;
  if (request.responseFormat !== undefined || format === undefined || toolChoice === 'none') return undefined;
  const offered = request.tools ?? [];
  const tools = typeof toolChoice === 'object' ? offered.filter((tool) => tool.name === toolChoice.name) : offered;
  if (tools.length === 0) return undefined;
  const allowText = toolChoice === undefined || toolChoice === 'auto';
  const thinking = startsInsideThink ? 'open' : (request.thinking ?? family.thinks);
  // `false` only for a template that thinks: its text may then not open a think block either.
  return toolCallGrammar(tools, { format, allowText, ...(thinking === false && !family.thinks ? {} : { thinking }) });
}
