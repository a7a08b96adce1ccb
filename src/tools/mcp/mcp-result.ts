import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { TabagentError } from '../../core/errors';

type ContentBlock = CallToolResult['content'][number];

/** Roughly how many bytes a base64 string decodes to. */
function decodedBytes(base64: string): number {
  return Math.floor((base64.length * 3) / 4);
}

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
      return `[image ${block.mimeType}, ${decodedBytes(block.data)} bytes]`;
    case 'audio':
      return `[audio ${block.mimeType}, ${decodedBytes(block.data)} bytes]`;
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
  if (result.structuredContent !== undefined) return result.structuredContent;
  return text;
}
