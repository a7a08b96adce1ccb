import type { RuleSet } from './ebnf';

/**
 * Rule names of plain JSON, shared by every schema rule. Whitespace is lenient on purpose: any run
 * of spaces, tabs and newlines wherever JSON allows it, so a model that pretty-prints, or puts a
 * space after `:` and `,`, is not pushed off its habits.
 */
export const JSON_RULE = {
  ws: 'ws',
  value: 'json_value',
  object: 'json_object',
  array: 'json_array',
  string: 'json_string',
  number: 'json_number',
  integer: 'json_integer',
  boolean: '("true" | "false")',
  null: '"null"',
} as const;

/** Defines the plain-JSON rules in `rules` (once per grammar). */
export function addJsonRules(rules: RuleSet): void {
  rules.define('ws', '[ \\t\\n\\r]*');
  rules.define('json_value', 'json_object | json_array | json_string | json_number | "true" | "false" | "null"');
  rules.define('json_member', 'json_string ws ":" ws json_value');
  rules.define('json_object', '"{" ws (json_member (ws "," ws json_member)* ws)? "}"');
  rules.define('json_array', '"[" ws (json_value (ws "," ws json_value)* ws)? "]"');
  // Any character but `"`, `\` and controls, or one of JSON's escapes.
  rules.define('json_char', '[^"\\\\\\x00-\\x1F] | "\\\\" (["\\\\/bfnrt] | "u" [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F] [0-9a-fA-F])');
  rules.define('json_string', '"\\"" json_char* "\\""');
  rules.define('json_integer', '"-"? ("0" | [1-9] [0-9]*)');
  // A positive exponent has at most two digits: `2e0200` is JSON, but JavaScript reads it as
  // Infinity (sent on to the tool as null). Negative exponents only underflow to 0, which is finite.
  rules.define('json_number', '"-"? ("0" | [1-9] [0-9]*) ("." [0-9]+)? ([eE] ("-" [0-9]+ | "+"? [0-9] [0-9]?))?');
}
