/**
 * Every spelling of a secret value that a server may echo back: as is, percent-, form- and
 * JSON-escaped, base64 and base64url (also inside a longer base64 string, at each of the three
 * byte alignments), hex, and case-changed. Stops a credential from reaching a tool result, a
 * log or the prompt because a server re-encoded it before echoing.
 */

/** Shortest value treated as a secret when scrubbing text: shorter ones would redact ordinary words. */
export const MIN_SECRET_LENGTH = 4;

/**
 * Shortest base64 fragment redacted when a secret sits inside a longer base64 string: a shorter
 * fragment would match ordinary base64 by chance (8 characters carry 48 bits of the secret).
 */
const MIN_FRAGMENT_LENGTH = 8;

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 of `bytes` without padding (works alike in Node and browsers, no `btoa` string juggling). */
function base64(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const a = bytes[index] as number;
    const b = bytes[index + 1];
    const c = bytes[index + 2];
    text += BASE64_ALPHABET[a >> 2];
    text += BASE64_ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)];
    if (b !== undefined) text += BASE64_ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)];
    if (c !== undefined) text += BASE64_ALPHABET[c & 63];
  }
  return text;
}

const toBase64Url = (text: string): string => text.replace(/\+/g, '-').replace(/\//g, '_');

/**
 * The base64 characters that depend only on the secret's bytes when the secret starts `offset`
 * bytes (0, 1 or 2) into a 3-byte group of a longer encoded string; whatever precedes or follows
 * it changes only the characters around this fragment.
 */
function base64Fragment(bytes: Uint8Array, offset: number): string {
  const padded = new Uint8Array(offset + bytes.length);
  padded.set(bytes, offset);
  const encoded = base64(padded);
  // Characters 0..offset mix bits of the bytes before the secret (none for offset 0).
  const skip = offset === 0 ? 0 : offset + 1;
  // The last character of an unfinished group mixes in bits of the byte after the secret.
  const keep = padded.length % 3 === 0 ? encoded.length : encoded.length - 1;
  return encoded.slice(skip, keep);
}

/** Percent escapes written with lower-case hex digits (`%2f` for `%2F`). */
const lowerEscapes = (text: string): string => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

/** Every form of `value` to scrub, longest first (so a longer form is replaced before a part of it). */
export function secretForms(value: string): string[] {
  if (value.length < MIN_SECRET_LENGTH) return [];
  const bytes = new TextEncoder().encode(value);
  const percent = encodeURIComponent(value);
  const form = new URLSearchParams([['', value]]).toString().slice(1);
  const json = JSON.stringify(value).slice(1, -1);
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  const whole = base64(bytes);
  const forms = new Set<string>([
    value,
    value.toLowerCase(),
    value.toUpperCase(),
    percent,
    lowerEscapes(percent),
    form,
    lowerEscapes(form),
    json,
    json.replace(/\//g, '\\/'),
    hex,
    hex.toUpperCase(),
    whole,
    toBase64Url(whole),
  ]);
  for (const offset of [0, 1, 2]) {
    const fragment = base64Fragment(bytes, offset);
    if (fragment.length < MIN_FRAGMENT_LENGTH) continue;
    forms.add(fragment);
    forms.add(toBase64Url(fragment));
  }
  return [...forms].filter((entry) => entry.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}
