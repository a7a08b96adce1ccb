/**
 * Share links: an agent file carried in the URL fragment, which browsers never send to a server.
 * The link is `<app address>#/agents/import?a=<payload>`; the payload is the agent file's JSON,
 * compressed with the browser's CompressionStream ("deflate-raw") and written in base64url.
 * Opening the link shows the agent and adds it only when the person confirms.
 */
import { TabagentError } from '../../core/errors';
import { readAtMost } from '../../core/read-at-most';
import type { AgentDefinition } from '../../core/agent-definition';
import { exportAgentFile, exportSavedAgent, type ExportableMcpServer } from './agent-file';
import type { TabagentDb } from '../../store';
import { MAX_AGENT_IMPORT_BYTES } from './import/import-plan';
import { SHARE_PARAMETER, SHARE_ROUTE, sharePayload } from './share-route';

export { SHARE_PARAMETER, SHARE_ROUTE, sharePayload };


function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new TabagentError('invalid-file', 'The share link is damaged: its agent part has characters a share link never holds.', { data: { reason: 'bad-shape' } });
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Runs `bytes` through a (de)compression stream and collects the output, stopping past `limit` bytes. */
async function transform(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Number.POSITIVE_INFINITY): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
  void writer.close().catch(() => undefined);
  // A tiny link may inflate to gigabytes (a "zip bomb"): reading stops as soon as it is too big.
  const output = await readAtMost(stream.readable.getReader(), limit);
  if (output === undefined) {
    throw new TabagentError('invalid-file', 'The agent in this share link is over 1 MB; an agent file may be at most 1 MB.', { data: { reason: 'too-large' } });
  }
  return output;
}

/** The fragment (`#/agents/import?a=…`) that carries the agent file `text`. */
export async function shareFragment(text: string): Promise<string> {
  const compressed = await transform(new TextEncoder().encode(text), new CompressionStream('deflate-raw'));
  return `${SHARE_ROUTE}?${SHARE_PARAMETER}=${toBase64Url(compressed)}`;
}

/**
 * The share link of `agent`: `base` (the app's address, without fragment) followed by the
 * fragment with its agent file. Like the file, it holds no secret.
 */
export async function shareLink(agent: AgentDefinition, base: string, options: { mcpServers?: readonly ExportableMcpServer[] } = {}): Promise<string> {
  return `${base.replace(/#.*$/, '')}${await shareFragment(exportAgentFile(agent, options))}`;
}


/**
 * The agent file text a share fragment carries. Throws TabagentError('invalid-file') when the
 * link is damaged or its agent is over 1 MB once decompressed.
 */
export async function readShareFragment(hash: string): Promise<string> {
  const payload = sharePayload(hash);
  if (payload === undefined || payload === '') {
    throw new TabagentError('invalid-file', 'This is not a share link: it carries no agent.', { data: { reason: 'bad-shape' } });
  }
  if (payload.length > MAX_AGENT_IMPORT_BYTES * 2) {
    throw new TabagentError('invalid-file', 'The agent in this share link is over 1 MB; an agent file may be at most 1 MB.', { data: { reason: 'too-large' } });
  }
  let bytes: Uint8Array;
  try {
    bytes = await transform(fromBase64Url(payload), new DecompressionStream('deflate-raw'), MAX_AGENT_IMPORT_BYTES);
  } catch (error) {
    if (TabagentError.is(error)) throw error;
    throw new TabagentError('invalid-file', 'The share link is damaged (its agent cannot be unpacked); ask for the link again.', { data: { reason: 'bad-shape' }, cause: error });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw new TabagentError('invalid-file', 'The share link is damaged (its agent is not text); ask for the link again.', { data: { reason: 'bad-shape' }, cause: error });
  }
}

/** The share link of a saved agent, describing the saved MCP servers it uses (see `exportSavedAgent`). */
export async function shareSavedAgent(agent: AgentDefinition, base: string, openDatabase?: () => Promise<TabagentDb>): Promise<string> {
  const { text } = await exportSavedAgent(agent, openDatabase);
  return `${base.replace(/#.*$/, '')}${await shareFragment(text)}`;
}
