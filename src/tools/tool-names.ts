import { isSafeToolName } from './manifest';

/** Longest tool name the manifest pattern allows. */
export const MAX_TOOL_NAME_LENGTH = 64;

/**
 * Turns any text (an MCP tool name, an OpenAPI operationId, `GET /pets/{id}`) into a name that
 * fits our tool-name pattern: letters, digits, `_` and `-`, starting with a letter or `_`, at most
 * 64 characters, never an `Object.prototype` member. Runs of other characters become one `_`.
 * `prefix` (already sanitised or not) is put in front with `__` between, so imported tools cannot
 * take a built-in's name.
 */
export function sanitizeToolName(raw: string, prefix = ''): string {
  const clean = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9_-]+/g, '_')
      .replace(/_{3,}/g, '__')
      .replace(/^[-_]+|[-_]+$/g, '');
  const head = clean(prefix);
  let body = clean(raw) || 'tool';
  if (!head && !/^[A-Za-z_]/.test(body)) body = `_${body}`;
  const joined = head ? `${/^[A-Za-z_]/.test(head) ? head : `_${head}`}__${body}` : body;
  const name = joined.slice(0, MAX_TOOL_NAME_LENGTH);
  // Only a reserved word (`constructor`, `__proto__`…) can fail here; a suffix makes it ordinary.
  return isSafeToolName(name) ? name : `${joined.slice(0, MAX_TOOL_NAME_LENGTH - 5)}_tool`;
}

/**
 * `name`, or `name_2`, `name_3`… (shortened to fit) — the first one not in `taken`. Adds the
 * result to `taken`, so calling it for a whole batch keeps the batch unique too.
 */
export function uniqueToolName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let counter = 2; taken.has(candidate) || !isSafeToolName(candidate); counter += 1) {
    const suffix = `_${counter}`;
    candidate = `${name.slice(0, MAX_TOOL_NAME_LENGTH - suffix.length)}${suffix}`;
  }
  taken.add(candidate);
  return candidate;
}
