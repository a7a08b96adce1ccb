import type { FormatName } from './types';

/**
 * Recognising a tool-call format from the text itself. The agent runs this on every streamed delta
 * in native mode, so text without markers must cost only a handful of native `indexOf` scans: every
 * regex below runs only after a cheap `includes` says its anchor character is there, and each one is
 * linear (no nested quantifiers; matches start at line starts or a fixed character).
 */

/** Fixed markers, each owned by one family. */
const MARKERS: ReadonlyArray<readonly [string, FormatName]> = [
  ['<|startofthink|>', 'modelscope'],
  ['<function=', 'qwen3-coder'],
  ['<function name=', 'qwen3-coder'],
  // GLM-4.5 pairs whose outer <tool_call> was eaten as a special token.
  ['<arg_key>', 'glm45'],
  ['<|python_tag|>', 'llama3-json'],
  ['<|tool_call_start|>', 'pythonic'],
  ['<|python_start|>', 'pythonic'],
  ['<function_calls>', 'pythonic'],
  ['[TOOL_CALLS]', 'mistral'],
  // Full-width bar and ▁: covers both <｜tool▁calls▁begin｜> and <｜tool▁call▁begin｜>.
  ['<｜tool▁call', 'deepseek'],
  ['<start_function_call>', 'functiongemma'],
  ['<|tool_call|>', 'granite'],
  // Granite 20B FunctionCalling; `<function_calls>` (pythonic) does not contain it.
  ['<function_call>', 'granite'],
  ['<tool_calls>', 'jamba'],
  ['<|action_start|><|plugin|>', 'internlm2'],
  ['<|START_ACTION|>', 'command-r7b'],
  ['<|recipient|>', 'functionary'],
  ['✿FUNCTION✿', 'qwen-agent'],
];

/**
 * Markup whose start, left at the very end of a streamed text, should not flash on screen before it
 * is recognised (see `stripPartialMarker`).
 */
export const CALL_MARKERS: readonly string[] = ['<tool_call>', ...MARKERS.map(([marker]) => marker), '<｜tool▁calls▁begin｜>'];

const TOOL_CALL = '<tool_call>';
/** What opens a Qwen3-Coder-style function inside `<tool_call>` (both spellings). */
const FUNCTION_OPENERS = ['<function=', '<function name='] as const;
const REACT_ACTION = /^[ \t]*Action:/m;
const REACT_INPUT = /^[ \t]*Action Input:/m;
const REACT_ANSWER = /^[ \t]*Final Answer:/m;
const JSON_NAME = /"name"\s*:/;
const JSON_ARGS = /"(?:arguments|parameters)"\s*:/;
const PYTHONIC_LIST = /(?:^|\n)[ \t]*\[[ \t]*[A-Za-z_][\w.-]*\(/;
const FUNCTIONARY_V3 = /(?:^|[\n}])>>>[ \t]*[A-Za-z_][\w.-]*\n/;
const ACTION_BLOB = /\{\s*"action"\s*:/;

function firstIndex(text: string, pattern: RegExp): number {
  const match = pattern.exec(text);
  return match ? match.index : -1;
}

/**
 * Which family a `<tool_call>` block belongs to, from what follows the tag: JSON → hermes (also
 * Granite 4, xLAM), `<function=` → qwen3-coder, a bare name → glm45.
 */
function toolCallFamily(text: string, at: number): FormatName {
  let j = at + TOOL_CALL.length;
  while (j < text.length && /\s/.test(text.charAt(j))) j++;
  if (j >= text.length) return 'hermes';
  const c = text.charAt(j);
  if (c === '<') return FUNCTION_OPENERS.some((opener) => opener.startsWith(text.slice(j, j + opener.length))) ? 'qwen3-coder' : 'hermes';
  return /[A-Za-z_]/.test(c) ? 'glm45' : 'hermes';
}

/**
 * Recognises the format from the text: the family whose markup appears first wins (a Hermes call
 * whose argument mentions "Action:" is still Hermes). Fixed markers (`<tool_call>`, `[TOOL_CALLS]`,
 * `<|python_tag|>`, `<｜tool▁call▁begin｜>`, `✿FUNCTION✿`, ...) are found with `indexOf`; ReAct,
 * bare JSON (openai), pythonic lists, Functionary `>>>` and JSON ReAct blobs by small regexes.
 * Returns null when the text shows no call markup.
 */
export function detectFormat(text: string): FormatName | null {
  if (typeof text !== 'string') return null;
  let best: FormatName | null = null;
  let bestAt = Infinity;
  const consider = (name: FormatName, at: number): void => {
    if (at >= 0 && at < bestAt) {
      best = name;
      bestAt = at;
    }
  };
  const toolCall = text.indexOf(TOOL_CALL);
  if (toolCall >= 0) consider(toolCallFamily(text, toolCall), toolCall);
  for (const [marker, name] of MARKERS) consider(name, text.indexOf(marker));
  if (text.includes('Action')) {
    const action = firstIndex(text, REACT_ACTION);
    if (action >= 0 && REACT_INPUT.test(text)) consider('react', action);
  }
  if (text.includes('"action"')) consider('react-json', firstIndex(text, ACTION_BLOB));
  if (text.includes('Final Answer:')) consider('react', firstIndex(text, REACT_ANSWER));
  const toolCalls = text.indexOf('"tool_calls"');
  if (toolCalls >= 0) consider('openai', toolCalls);
  else if (text.includes('"') && JSON_ARGS.test(text)) consider('openai', firstIndex(text, JSON_NAME));
  if (text.includes('[')) consider('pythonic', firstIndex(text, PYTHONIC_LIST));
  if (text.includes('>>>')) consider('functionary', firstIndex(text, FUNCTIONARY_V3));
  return best;
}
