import type { ToolDefinition } from '../types';
import { guardParse } from './call-shape';
import { parseTagged, type TaggedSpec } from './tagged-calls';
import type { ToolCallFormat } from './types';
import { spacedJson } from './spaced-json';
import { EARLIER_TOOLS_STAY, toolListing } from './listing';

/**
 * ModelScope-Agent tool calls (MSAgent-Bench): the call is JSON in a fenced block between think tags,
 * the result comes back between exec tags.
 *
 * ```
 * <|startofthink|>```JSON
 * {"api_name": "modelscope_text-ie", "parameters": {"text": "..."}}
 * ```<|endofthink|>
 * <|startofexec|>```JSON
 * {"result": "..."}
 * ```<|endofexec|>
 * ```
 */

const OPEN = '<|startofthink|>';
const CLOSE = '<|endofthink|>';
const EXEC_OPEN = '<|startofexec|>';
const EXEC_CLOSE = '<|endofexec|>';

const SPEC: TaggedSpec = {
  open: OPEN,
  close: CLOSE,
  // ModelScope-Agent writes api_name/parameters; fine-tuned models often drift to name/arguments.
  keys: { name: ['api_name', 'name'], args: ['parameters', 'arguments'] },
  // Exec blocks hold tool results, never the assistant's words (a model may invent one).
  hidden: [{ open: EXEC_OPEN, close: EXEC_CLOSE }],
};

/** One plugin as the tool list writes it. */
function pluginJson(tool: ToolDefinition): string {
  return JSON.stringify({ api_name: tool.name, description: tool.description, parameters: tool.parameters });
}

function renderTools(tools: ToolDefinition[]): string {
  return ['You can use the plugins listed below. Decide whether the current request needs one.', ...PLUGIN_SYNTAX, '', '<tool_list>', ...tools.map((tool, index) => `${index + 1}. ${pluginJson(tool)}`), '</tool_list>'].join('\n');
}

/** How to call a plugin and where its result comes back. */
const PLUGIN_SYNTAX = [
    `To call a plugin, write the request as JSON with the fields "api_name" and "parameters", between ${OPEN} and ${CLOSE}, like this:`,
    `${OPEN}\`\`\`JSON`,
    '{"api_name": "<plugin name>", "parameters": {"<parameter>": "<value>"}}',
    `\`\`\`${CLOSE}`,
    `The plugin's result will follow between ${EXEC_OPEN} and ${EXEC_CLOSE}; then give a helpful reply based on it.`,
    'If no plugin is needed, reply directly.',
];


/** The plugins listed turn by turn (tool retrieval): one JSON line per plugin in a `<tool_list>` block. */
const listing = toolListing({
  syntax: [
    `You can use the plugins listed in <tool_list></tool_list> blocks in the user messages; ${EARLIER_TOOLS_STAY}. Decide whether the current request needs one.`,
    ...PLUGIN_SYNTAX,
  ].join('\n'),
  signature: pluginJson,
  open: '<tool_list>',
  close: '</tool_list>',
});

/**
 * Parses think blocks. Accepts `api_name`/`parameters` and `name`/`arguments`, with or without the
 * code fence, a missing `<|endofthink|>` at the end of a final output, arguments as a JSON string,
 * and the JSON repairs of `repairJson`. Exec blocks are removed from the content.
 */
export const modelscopeFormat: ToolCallFormat = {
  name: 'modelscope',
  render: renderTools,
  listing,
  renderCalls(calls, content) {
    const blocks = calls.map(
      (call) => `${OPEN}\`\`\`JSON\n${spacedJson({ api_name: call.name, parameters: call.arguments })}\n\`\`\`${CLOSE}`,
    );
    return [content?.trim() ?? '', ...blocks].filter((part) => part !== '').join('\n');
  },
  renderResult(result) {
    // A result that contains the close tag could end the block early and pose as model text.
    const safe = result.content.split(EXEC_CLOSE).join('<\\|endofexec|>');
    return `${EXEC_OPEN}\`\`\`JSON\n${safe}\n\`\`\`${EXEC_CLOSE}`;
  },
  parse(text, options) {
    return guardParse(() => parseTagged(text, SPEC, options), text);
  },
  stopSequences: [EXEC_OPEN],
};
