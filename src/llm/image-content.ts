/**
 * A user message's text and images in the OpenAI chat.completions content shape, shared by the
 * engines that speak it (the openai-compatible server engine and web-llm).
 */
import type { ImagePart } from '../core/types';

/** One part of a user message's content, as OpenAI (and web-llm) read it. */
export type UserContentPart = { type: 'text'; text: string } | { type: 'image_url'; image_url: { url: string } };

/** What an engine that cannot see images reads in place of one: that there was one, and its name. */
export function imagePlaceholder(image: ImagePart): string {
  return `[image${image.name ? ` ${image.name}` : ''} (${image.mediaType}) not shown: this model does not read images]`;
}

/**
 * A user message's content: the plain string when it has no images (so text-only requests stay
 * byte-for-byte what they were), else a text part followed by one `image_url` part per image
 * (data URLs). Without `vision` the images become a line of text each, so a history that holds
 * images still reaches a text-only model (the chat refuses new images for such a model beforehand).
 */
export function userContent(text: string, images: readonly ImagePart[] | undefined, vision: boolean): string | UserContentPart[] {
  if (!images || images.length === 0) return text;
  if (!vision) return [text, ...images.map(imagePlaceholder)].filter((line) => line !== '').join('\n');
  return [{ type: 'text', text }, ...images.map((image): UserContentPart => ({ type: 'image_url', image_url: { url: image.dataUrl } }))];
}
