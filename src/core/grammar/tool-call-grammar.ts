import type { ToolDefinition } from '../types';
import { alternatives, literal, RuleSet } from './ebnf';
import { addJsonRules, JSON_RULE } from './json-rules';
import { SchemaGrammar } from './schema-grammar';
import { argumentsSchema, uniqueTools } from './tools';
import { textNotStartingWithBrace, textWithoutMarker, textWithoutMarkers } from './text-grammar';
import { THINK_CLOSE, THINK_OPEN } from '../think-splitter';

/** Options of {@link toolCallGrammar}. */
export interface ToolCallGrammarOptions {
  /**
   * How a call is written. `hermes`: one or more `<tool_call>\n{"name": …, "arguments": …}\n</tool_call>`
   * blocks (Hermes, Qwen). `json`: one bare `{"name": …, "arguments": …}` object (what the
   * `openai` text format parses). `llama3`: Llama 3.1–3.3's own form,
   * `{"name": …, "parameters": …}` with no space after `{` (where the template path's splitter
   * opens a call), several separated by `;`; its text holds none of {@link LLAMA3_CALL_OPENERS}.
   */
  format: 'hermes' | 'json' | 'llama3';
  /**
   * Whether the model may answer in plain text instead of calling a tool. Text may not contain
   * `<tool_call>` (hermes) or start with `{` (json), so a half-hearted call cannot slip through as text.
   */
  allowText: boolean;
  /**
   * The model thinks first (Qwen3 and other thinking families): one optional
   * `<think>…</think>` block may come before the call or the text. The block may hold anything but
   * `</think>`; the output after it is held to the same rules as without it.
   * `'open'`: the prompt already opened the block (a template that ends its generation prompt with
   * `<think>`), so the output starts inside it and must close it with `</think>` before the answer.
   * `false`: a thinking model with thinking turned off: no block, and (hermes) the text may not
   * hold `<think>` either, which would be shown as thinking. Absent: a model that does not think.
   */
  thinking?: boolean | 'open';
}

/** The Hermes call markers. */
export const HERMES_OPEN = '<tool_call>';
export const HERMES_CLOSE = '</tool_call>';

/**
 * What opens a call in Llama 3.x output: the tag before built-in calls, and the bare JSON forms
 * (the template path's splitter holds the text back from each of these on).
 */
export const LLAMA3_CALL_OPENERS = ['<|python_tag|>', '{"name"', '{"type": "function"'] as const;

const WS = JSON_RULE.ws;

/**
 * An EBNF grammar (XGrammar dialect, root rule `root`, for web-llm's
 * `response_format: {type: 'grammar', grammar}`) whose sentences are exactly: a well-formed call to
 * one of `tools` with schema-valid arguments (`name` first, then `arguments`; required properties
 * first in declared order, then optional ones in declared order) — one or more in `hermes` format —
 * or, when `allowText`, a plain-text answer. Whitespace between JSON tokens is free.
 *
 * See `schema-model.ts` for which schema keywords are enforced and which are loosened.
 * Tools with the same name count once (the first wins). Throws a RangeError when there are no tools
 * and text is not allowed (no output would be valid): then do not constrain at all.
 */
export function toolCallGrammar(tools: readonly ToolDefinition[], options: ToolCallGrammarOptions): string {
  const unique = uniqueTools(tools);
  if (unique.length === 0 && !options.allowText) {
    throw new RangeError('toolCallGrammar: no tools and no text allowed, so no output would be valid');
  }
  const rules = new RuleSet();
  const root = rules.reserve('root');
  addJsonRules(rules);
  const choices: string[] = [];
  if (unique.length > 0) {
    const llama3 = options.format === 'llama3';
    const argsKey = literal(llama3 ? '"parameters"' : '"arguments"');
    const perTool = unique.map((tool, index) => {
      const args = new SchemaGrammar(rules, tool.parameters, `t${index}`).expression(argumentsSchema(tool.parameters));
      return `${literal(JSON.stringify(tool.name))} ${WS} "," ${WS} ${argsKey} ${WS} ":" ${WS} ${args}`;
    });
    const open = llama3 ? literal('{"name"') : `"{" ${WS} ${literal('"name"')}`;
    const call = rules.add('call', `${open} ${WS} ":" ${WS} ${alternatives(perTool)} ${WS} "}"`);
    if (options.format === 'hermes') {
      const tagged = rules.add('tagged_call', `${literal(HERMES_OPEN)} ${WS} ${call} ${WS} ${literal(HERMES_CLOSE)}`);
      choices.push(`${WS} ${tagged} (${WS} ${tagged})* ${WS}`);
    } else if (llama3) {
      // No blank before the first call: the splitter would stream it as text of its own.
      choices.push(`${call} (${WS} ";" ${WS} ${call})* ${WS}`);
    } else {
      choices.push(`${WS} ${call} ${WS}`);
    }
  }
  if (options.allowText) {
    const markers = options.thinking === false ? [HERMES_OPEN, THINK_OPEN] : [HERMES_OPEN];
    if (options.format === 'hermes') choices.push(textWithoutMarkers(rules, markers));
    else if (options.format === 'llama3') choices.push(textWithoutMarkers(rules, LLAMA3_CALL_OPENERS));
    else choices.push(textNotStartingWithBrace(rules));
  }
  const answer = choices.join(' | ');
  if (options.thinking === 'open') {
    const thought = textWithoutMarker(rules, THINK_CLOSE);
    const afterThink = rules.add('answer', answer);
    rules.define(root, `${thought}? ${literal(THINK_CLOSE)} ${WS} ${afterThink}`);
  } else if (options.thinking === true) {
    const thought = textWithoutMarker(rules, THINK_CLOSE);
    const think = rules.add('think', `${WS} ${literal(THINK_OPEN)} ${thought}? ${literal(THINK_CLOSE)} ${WS}`);
    const afterThink = rules.add('answer', answer);
    rules.define(root, `${think}? ${afterThink}`);
  } else {
    rules.define(root, answer);
  }
  return rules.render();
}
