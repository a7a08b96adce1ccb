/**
 * Images the person attaches to a message: which files are accepted (type, size, how many per
 * message) and how one becomes the data URL the chat holds. The composer asks here; the words of
 * a refusal are the UI's.
 */
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from '../../core/image-types';
import type { ImagePart } from '../../core/types';

// One definition of the accepted types and size, shared with tools' images (src/core/image-types.ts).
export { IMAGE_TYPES, isShownImage, MAX_IMAGE_BYTES } from '../../core/image-types';
/** At most this many images per message. */
export const MAX_IMAGES_PER_MESSAGE = 4;

/** Why a file was not attached: its type, its size, or the message already holds the most allowed. */
export type ImageRefusal =
  | { reason: 'type'; name: string; type: string }
  | { reason: 'size'; name: string; bytes: number }
  | { reason: 'count'; name: string };

/** What `acceptImageFiles` decided: the files to read, in order, and those refused with why. */
export interface ImageSelection<F> {
  accepted: F[];
  refused: ImageRefusal[];
}

/** The parts of a File the checks read (a File fits; tests can pass plain objects). */
export interface ImageFileFacts {
  name: string;
  type: string;
  size: number;
}

/**
 * Sorts chosen, pasted or dropped files into those that may be attached and those refused, given
 * how many images the message already holds: wrong type, over `MAX_IMAGE_BYTES`, or past
 * `MAX_IMAGES_PER_MESSAGE`.
 */
export function acceptImageFiles<F extends ImageFileFacts>(files: readonly F[], alreadyAttached: number): ImageSelection<F> {
  const accepted: F[] = [];
  const refused: ImageRefusal[] = [];
  for (const file of files) {
    if (!IMAGE_TYPES.includes(file.type)) refused.push({ reason: 'type', name: file.name, type: file.type });
    else if (file.size > MAX_IMAGE_BYTES) refused.push({ reason: 'size', name: file.name, bytes: file.size });
    else if (alreadyAttached + accepted.length >= MAX_IMAGES_PER_MESSAGE) refused.push({ reason: 'count', name: file.name });
    else accepted.push(file);
  }
  return { accepted, refused };
}

/** A file's bytes as an image part (a base64 data URL of its type). */
export function readImageFile(file: File): Promise<ImagePart> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve({ mediaType: file.type, dataUrl: String(reader.result), name: file.name || 'image' });
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}.`));
    reader.readAsDataURL(file);
  });
}
