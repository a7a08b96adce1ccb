/**
 * Which images the chat shows and passes on to vision models: one definition for the composer's
 * attachments, tools' images (MCP image blocks, model_api) and the thumbnails that show them.
 */
import type { ImagePart } from './types';

/** The image types every vision model we send to reads (OpenAI's list; web-llm decodes them in the browser). */
export const IMAGE_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

/** The largest image accepted: 10 MB (OpenAI accepts 20 MB per image; its data URL is a third larger). */
export const MAX_IMAGE_BYTES = 10_000_000;

/** Base64 text only (no whitespace, padding at the end): nothing else may reach a data URL. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** True for base64 text (the alphabet and padding only). */
export function isBase64(text: string): boolean {
  return BASE64.test(text);
}

/** How many bytes a base64 text decodes to (its padding counted out). */
export function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0;
  return Math.floor((base64.length * 3) / 4) - padding;
}

/** A base64 data URL of an image. */
export function imageDataUrl(mediaType: string, base64: string): string {
  return `data:${mediaType};base64,${base64}`;
}

/**
 * The type an image's first bytes say it is (PNG, JPEG, GIF, WebP), or undefined for anything
 * else. Read from the bytes rather than trusted from a header or a name: a server that labels
 * HTML or SVG as `image/png` is not shown.
 */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  const startsWith = (signature: readonly number[], offset = 0): boolean => signature.every((byte, index) => bytes[offset + index] === byte);
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith([0x47, 0x49, 0x46, 0x38]) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}

/** The first bytes of a base64 text (enough for `sniffImageType`); empty when it is not base64. */
export function base64Head(base64: string, bytes = 12): Uint8Array {
  const head = base64.slice(0, Math.ceil(bytes / 3) * 4);
  try {
    const binary = atob(head);
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return new Uint8Array();
  }
}

/** `data:<one of IMAGE_TYPES>;base64,<base64>`: the only URL an image is shown from. */
const SHOWN_DATA_URL = /^data:(image\/(?:png|jpeg|webp|gif));base64,[A-Za-z0-9+/]*={0,2}$/;

/**
 * True when an image may be shown: a base64 data URL of one of `IMAGE_TYPES`, matching its
 * `mediaType`. Stops a shown image from making a request (an `http:` URL would be a beacon) and
 * keeps other types (SVG, HTML) off the page, whatever a backup, a tool or a server put there.
 */
export function isShownImage(image: ImagePart): boolean {
  const match = SHOWN_DATA_URL.exec(image.dataUrl);
  return match !== null && match[1] === image.mediaType;
}
