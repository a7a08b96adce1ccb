/**
 * Images as the store keeps them: the bytes as a Blob (IndexedDB stores Blobs natively, without
 * the third of extra size base64 costs) with their media type, converted from and to the data
 * URLs the chat and the engines use (`ImagePart`).
 */
import { TabagentError } from '../core/errors';
import { imageDataUrl } from '../core/image-types';
import type { ImagePart } from '../core/types';
import { base64ToBytes, bytesToBase64 } from './base64';

/** An image in a stored message record. */
export interface StoredImage {
  mediaType: string;
  name?: string;
  blob: Blob;
}

/** `data:<type>[;params];base64,<data>`: the only data URL form the chat makes. */
const BASE64_DATA_URL = /^data:([^;,]+)(?:;[^;,]+)*;base64,([A-Za-z0-9+/]*={0,2})$/;

export { imageDataUrl } from '../core/image-types';

/** The base64 text inside an image's data URL. Throws TabagentError('invalid-file') for any other URL. */
export function imageBase64(image: ImagePart): string {
  const match = BASE64_DATA_URL.exec(image.dataUrl);
  if (!match) {
    throw new TabagentError('invalid-file', `The image${image.name ? ` ${image.name}` : ''} cannot be stored: it is not a base64 data URL.`);
  }
  return match[2] ?? '';
}

/** The image's bytes as a Blob of its media type, for IndexedDB. */
export function toStoredImage(image: ImagePart): StoredImage {
  const bytes = base64ToBytes(imageBase64(image));
  return { mediaType: image.mediaType, ...(image.name === undefined ? {} : { name: image.name }), blob: new Blob([bytes as BlobPart], { type: image.mediaType }) };
}

/** A stored image as the data URL the chat shows and engines send (reads the Blob). */
export async function fromStoredImage(stored: StoredImage): Promise<ImagePart> {
  const base64 = bytesToBase64(new Uint8Array(await stored.blob.arrayBuffer()));
  return { mediaType: stored.mediaType, dataUrl: imageDataUrl(stored.mediaType, base64), ...(stored.name === undefined ? {} : { name: stored.name }) };
}
