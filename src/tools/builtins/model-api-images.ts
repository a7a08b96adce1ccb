/**
 * The images a model API's `/images/generations` answer holds, made into what the chat shows and a
 * vision model reads: `b64_json` becomes a data URL; a `url` on the API's own origin (already
 * granted to the tool) is fetched through the tool's fetch, so it is approved and listed on the
 * Network page like the call itself; a link anywhere else stays a link. Every image is checked by
 * its bytes (PNG, JPEG, WebP or GIF: `sniffImageType`) and its size (at most `MAX_IMAGE_BYTES`).
 */
import { bytesToBase64 } from '../../core/base64';
import { TabagentError } from '../../core/errors';
import { base64Bytes, base64Head, imageDataUrl, isBase64, MAX_IMAGE_BYTES, sniffImageType } from '../../core/image-types';
import { readAtMost } from '../../core/read-at-most';
import type { ImagePart } from '../../core/types';
import { originOf } from '../origins';
import type { ToolContext } from '../registry';

/** One image as the API answered it. */
export type ApiImage = { url: string } | { b64_json: string };

/** At most this many images of one answer are kept (a call asks for one). */
export const MAX_IMAGES_PER_ANSWER = 4;

/** What the model reads about one image: it is shown (and attached for a vision model), or why not. */
export type ImageNote =
  | { image: string; mediaType: string; bytes: number; shown: true }
  | { url: string; shown: false; reason: string }
  | { image: string; shown: false; reason: string };

/** The images to show and the notes the model reads instead of their bytes. */
export interface ApiImages {
  images: ImagePart[];
  notes: ImageNote[];
}

/** Why an image is not shown (said to the model, and through it to the person). */
class NotShown extends Error {}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / 100_000) / 10} MB`;
}

/**
 * A `b64_json` image as a data URL of the type its bytes say. Bytes of no type we know are not
 * shown rather than labelled PNG: a vision server refuses a request holding an undecodable image,
 * which would break every later turn of the conversation.
 */
function fromBase64(raw: string): ImagePart {
  // Some servers wrap long base64 in lines.
  const base64 = raw.replace(/\s+/g, '');
  if (!isBase64(base64)) throw new NotShown('the image data is not base64');
  const bytes = base64Bytes(base64);
  if (bytes > MAX_IMAGE_BYTES) throw new NotShown(`the image is ${megabytes(bytes)}, over the ${megabytes(MAX_IMAGE_BYTES)} limit`);
  const mediaType = sniffImageType(base64Head(base64));
  if (mediaType === undefined) throw new NotShown('the image data is not a PNG, JPEG, WebP or GIF image');
  return { mediaType, dataUrl: imageDataUrl(mediaType, base64) };
}

/** The body's bytes, refusing (and cancelling the read) past `limit`. */
async function readBounded(response: Response, limit: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get('Content-Length') ?? Number.NaN);
  if (declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    throw new NotShown(`the image is ${megabytes(declared)}, over the ${megabytes(limit)} limit`);
  }
  const reader = response.body?.getReader();
  const bytes = reader ? await readAtMost(reader, limit) : new Uint8Array(await response.arrayBuffer());
  if (bytes === undefined || bytes.byteLength > limit) throw new NotShown(`the image is over the ${megabytes(limit)} limit`);
  return bytes;
}

/**
 * A linked image on the API's own origin, fetched into a data URL. GET without credentials or
 * key (the link is the server's own), and no redirects: a hop could lead anywhere.
 */
async function fromUrl(url: string, apiOrigin: string, context: ToolContext): Promise<ImagePart> {
  if (originOf(url) !== apiOrigin) throw new NotShown(`the link is not on the model API's origin (${apiOrigin}), so it was not opened`);
  let response: Response;
  try {
    response = await context.fetch(url, { method: 'GET', signal: context.signal, redirect: 'error', credentials: 'omit' });
  } catch (error) {
    if (context.signal.aborted) throw error;
    if (TabagentError.is(error) && error.code === 'denied') throw error;
    throw new NotShown('the image could not be downloaded');
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new NotShown(`downloading the image answered ${response.status}`);
  }
  const bytes = await readBounded(response, MAX_IMAGE_BYTES);
  const mediaType = sniffImageType(bytes);
  if (mediaType === undefined) throw new NotShown('the link is not a PNG, JPEG, WebP or GIF image');
  return { mediaType, dataUrl: imageDataUrl(mediaType, bytesToBase64(bytes)) };
}

/**
 * The answer's images to show, with a note per image for the model (never the base64 itself: it
 * would cost thousands of tokens and tell a text model nothing). An image that cannot be shown
 * stays a note saying why; a link elsewhere stays the link.
 */
export async function apiImages(list: readonly ApiImage[], apiOrigin: string, context: ToolContext): Promise<ApiImages> {
  const images: ImagePart[] = [];
  const notes: ImageNote[] = [];
  for (const [index, item] of list.slice(0, MAX_IMAGES_PER_ANSWER).entries()) {
    const name = `image ${index + 1}`;
    try {
      const image = { ...('b64_json' in item ? fromBase64(item.b64_json) : await fromUrl(item.url, apiOrigin, context)), name };
      images.push(image);
      notes.push({ image: name, mediaType: image.mediaType, bytes: base64Bytes(image.dataUrl.slice(image.dataUrl.indexOf(',') + 1)), shown: true });
    } catch (error) {
      if (!(error instanceof NotShown)) throw error;
      notes.push('url' in item ? { url: item.url, shown: false, reason: error.message } : { image: name, shown: false, reason: error.message });
    }
  }
  return { images, notes };
}
