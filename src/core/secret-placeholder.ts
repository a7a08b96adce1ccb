/**
 * Secret placeholders: how tools, manifests and settings name a secret without holding its value.
 * A request carries `{{secret:ID}}` wherever the value belongs (a header, the URL, the body); only
 * the network door (src/net) replaces it, and only for the origins the secret is granted to.
 * The syntax lives in core because the tool layer refuses it in model-written arguments and the
 * door substitutes it: both must agree on exactly one grammar.
 */

/** Secret ids: letters, digits, `_`, `.`, `-` and `:`; at most 128 characters. */
export const SECRET_ID_PATTERN = '[A-Za-z0-9_.:-]{1,128}';

const PLACEHOLDER_SOURCE = `\\{\\{\\s*secret:(${SECRET_ID_PATTERN})\\s*\\}\\}`;

/** `{{secret:ID}}` for the secret `id`. */
export function secretPlaceholder(id: string): string {
  return `{{secret:${id}}}`;
}

/** A fresh global regular expression matching placeholders; group 1 is the id. */
export function placeholderPattern(): RegExp {
  return new RegExp(PLACEHOLDER_SOURCE, 'g');
}

/**
 * Anything that looks like an attempt at a placeholder, even a malformed or percent-encoded one
 * (`{{ secret:x }}`, `%7B%7Bsecret%3Ax%7D%7D`). Used to refuse such text where a placeholder has
 * no business being (model-written tool arguments), so near-misses are refused too.
 */
const PLACEHOLDER_LIKE = /\{\{\s*secret\s*:|%7B%7B\s*secret(?:%3A|:)/i;

/** True when `text` contains something that looks like a secret placeholder. */
export function containsSecretPlaceholder(text: string): boolean {
  return PLACEHOLDER_LIKE.test(text);
}

/** The ids of every well-formed placeholder in `text`, each once, in order of appearance. */
export function placeholderIds(text: string): string[] {
  const ids = new Set<string>();
  for (const match of text.matchAll(placeholderPattern())) ids.add(match[1] as string);
  return [...ids];
}

/**
 * Replaces each placeholder with `replace(id)`; a placeholder whose replacement is undefined is
 * left as it is.
 */
export function replacePlaceholders(text: string, replace: (id: string) => string | undefined): string {
  return text.replace(placeholderPattern(), (whole, id: string) => replace(id) ?? whole);
}

/** True when any string inside a JSON-like value (keys included) looks like a placeholder. */
export function valueContainsPlaceholder(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (typeof value === 'string') return containsSecretPlaceholder(value);
  if (Array.isArray(value)) return value.some((item) => valueContainsPlaceholder(item, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(
      ([key, item]) => containsSecretPlaceholder(key) || valueContainsPlaceholder(item, depth + 1),
    );
  }
  return false;
}

/**
 * Percent-encoded placeholders (`%7B%7Bsecret%3Aid%7D%7D`, as `URLSearchParams` writes them) back
 * in their plain form, so a URL's placeholders can be found, shown by label and substituted.
 */
export function decodePlaceholders(text: string): string {
  return text.replace(/%7B%7B(?:%20|\s)*secret(?:%3A|:)([A-Za-z0-9_.:%-]{1,200}?)(?:%20|\s)*%7D%7D/gi, (_whole, id: string) => {
    let decoded = id;
    try {
      decoded = decodeURIComponent(id);
    } catch {
      // Keep the encoded id: it simply will not match a secret.
    }
    return `{{secret:${decoded}}}`;
  });
}
