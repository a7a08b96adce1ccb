import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { TabagentError } from '../../core/errors';
import { base64Bytes, IMAGE_TYPES, imageDataUrl, isBase64, MAX_IMAGE_BYTES } from '../../core/image-types';
import { withImages } from '../../core/tool-runner';
import type { ImagePart } from '../../core/types';

type ContentBlock = CallToolResult['content'][number];


/**
 * One content block as text a language model can read. Binary blocks (images, audio, blobs) are
 * described rather than inlined: base64 in a prompt costs thousands of tokens and tells a text
 * model nothing.
 */
function blockText(block: ContentBlock): string {
  switch (block.type) {
    case 'text':
      return block.text;
    case 'image':
      return `[image ${block.mimeType}, ${base64Bytes(block.data)} bytes]`;
    case 'audio':
      return `[audio ${block.mimeType}, ${base64Bytes(block.data)} bytes]`;
    case 'resource_link':
      return `[resource ${block.name}: ${block.uri}]`;
    case 'resource': {
      const resource = block.resource;
      if ('text' in resource && typeof resource.text === 'string') return resource.text;
      return `[resource ${resource.uri}${resource.mimeType ? ` (${resource.mimeType})` : ''}]`;
    }
    default:
      return '';
  }
}

/**
 * What the model sees of an MCP tool's answer: the structured content when the server gives it
 * (it is the machine-readable answer), otherwise the content blocks as text. A result flagged
 * `isError` becomes a 'tool-failed' error carrying the server's text, which the executor hands to
 * the model as the tool's error.
 */
export function mcpResultValue(result: CallToolResult, toolName: string): unknown {
  const text = (result.content ?? []).map(blockText).filter((part) => part !== '').join('\n\n');
  if (result.isError) {
    throw new TabagentError('tool-failed', text ? `${toolName} failed: ${text}` : `${toolName} reported an error without details.`, {
      data: { tool: toolName },
    });
  }
  const value = result.structuredContent !== undefined ? result.structuredContent : text;
  const images = imagesOf(result);
  return images.length > 0 ? withImages(value, images) : value;
}


/**
 * The image blocks of an answer as data URLs (their text stays the `[image …]` line), for the
 * card to show and a vision model to see. Blocks of other types or with data that is not base64
 * are left out.
 */
export function imagesOf(result: CallToolResult): ImagePart[] {
  return (result.content ?? []).flatMap((block, index): ImagePart[] => {
    // Image types a browser shows and vision models read, base64 only (the data URL is built from
    // it, so nothing else can reach an `src`), at most MAX_IMAGE_BYTES; others stay a line of text.
    if (block.type !== 'image' || !IMAGE_TYPES.includes(block.mimeType) || !isBase64(block.data) || base64Bytes(block.data) > MAX_IMAGE_BYTES) return [];
    return [{ mediaType: block.mimeType, dataUrl: imageDataUrl(block.mimeType, block.data), name: `image ${index + 1}` }];
  });
}
