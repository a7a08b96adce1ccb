/**
 * `{name}` placeholders in custom-tool templates. Names are identifiers (letters, digits, `_`),
 * so `{{secret:ID}}` (the secret syntax of src/core/secret-placeholder) never reads as one.
 * Expansion is a single pass: an argument's value is never itself searched for placeholders.
 */

const ARGUMENT_PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const WHOLE_PLACEHOLDER = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Every argument named in `text`, each once, in order. */
export function argumentNames(text: string): string[] {
  return [...new Set([...text.matchAll(ARGUMENT_PLACEHOLDER)].map((match) => match[1] as string))];
}

/** The argument name when `text` is exactly one placeholder (`{city}`), else undefined. */
export function wholePlaceholder(text: string): string | undefined {
  return WHOLE_PLACEHOLDER.exec(text)?.[1];
}

/** Replaces each `{name}` with `replace(name)`, in one pass. */
export function expandPlaceholders(text: string, replace: (name: string) => string): string {
  return text.replace(ARGUMENT_PLACEHOLDER, (_whole, name: string) => replace(name));
}
