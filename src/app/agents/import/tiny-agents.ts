/**
 * Reads a Hugging Face tiny-agents `agent.json` (with its `PROMPT.md` or `AGENTS.md` as the
 * instructions when chosen too). `http` and `sse` servers become the agent's MCP servers, added
 * switched off; a `stdio` server is a local program a browser tab cannot start, so such a file is
 * refused, with how to reach the server instead. `endpointUrl` becomes a server engine; `model`
 * with `provider` the Hugging Face router (OpenAI-compatible) with that provider.
 */
import { AGENT_DEFINITION_VERSION, type AgentDefinition, type AgentEngine } from '../../../core/agent-definition';
import { confirmationsFor, missingKeyOf } from './confirmations';
import { refuse, type ImportContext, type ImportedAgent, type ImportNote, type PendingMcpServer } from './import-plan';
import { httpUrl, serverLabel } from './urls';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The Hugging Face router's OpenAI-compatible address (it routes `model:provider` to the provider). */
export const HF_ROUTER_URL = 'https://router.huggingface.co/v1';
/** The key name a Hugging Face token is kept under. */
export const HF_KEY_NAME = 'huggingface';

/** True when `value` looks like a tiny-agents `agent.json`. */
export function isTinyAgentConfig(value: unknown): boolean {
  return isObject(value) && (Array.isArray(value.servers) || 'endpointUrl' in value || ('model' in value && 'provider' in value));
}

/** What a `stdio` refusal says: why, and the way to reach the server from a tab. */
function stdioMessage(fileName: string, command: string): string {
  return (
    `${fileName} starts an MCP server as a local program (stdio: "${command}"), and a browser tab cannot run programs. ` +
    'Run that server behind an HTTP bridge — an MCP proxy that exposes a stdio server over Streamable HTTP — then change the server in agent.json ' +
    'to {"type": "http", "url": "<the bridge\'s address>"} and import it again.'
  );
}

/** One server entry (nested `config` as huggingface.js writes it, or flat as the Python client does). */
function readServer(entry: unknown, fileName: string, context: ImportContext, notes: ImportNote[]): PendingMcpServer {
  if (!isObject(entry)) refuse('bad-shape', `${fileName}: each entry of "servers" must be an object.`);
  const config = isObject(entry.config) ? entry.config : entry;
  const type = typeof entry.type === 'string' ? entry.type : typeof config.command === 'string' ? 'stdio' : 'http';
  if (type === 'stdio') {
    const args = Array.isArray(config.args) ? config.args.filter((arg): arg is string => typeof arg === 'string') : [];
    const command = [typeof config.command === 'string' ? config.command : '', ...args].join(' ').trim();
    refuse('stdio-server', stdioMessage(fileName, command || 'a local command'), command);
  }
  if (type !== 'http' && type !== 'sse') refuse('bad-shape', `${fileName}: a server of type "${type}" is not known (use "http" or "sse").`);
  const url = httpUrl(config.url);
  if (!url) refuse('bad-shape', `${fileName}: a server's "url" must be an http(s) address.`);
  const options = isObject(config.options) ? config.options : {};
  const requestInit = isObject(options.requestInit) ? options.requestInit : {};
  const headerMap = isObject(requestInit.headers) ? requestInit.headers : isObject(config.headers) ? config.headers : {};
  const headers = Object.keys(headerMap);
  const name = serverLabel(url);
  if (headers.length > 0) notes.push({ kind: 'server-headers', server: name, headers });
  return { id: context.newId(), name, url, transport: type, headers };
}

/** The engine `model`, `provider` and `endpointUrl` name; the default engine when they name none. */
function engineOf(value: Json, fileName: string): AgentEngine {
  const model = typeof value.model === 'string' ? value.model.trim() : '';
  if (value.endpointUrl !== undefined) {
    const baseUrl = httpUrl(value.endpointUrl);
    if (!baseUrl) refuse('bad-shape', `${fileName}: "endpointUrl" must be an http(s) address.`);
    return { kind: 'server', baseUrl: baseUrl.replace(/\/$/, ''), model };
  }
  if (model === '') return { kind: 'default' };
  const provider = typeof value.provider === 'string' ? value.provider.trim() : '';
  const routed = provider === '' || provider === 'auto' ? model : `${model}:${provider}`;
  return { kind: 'server', baseUrl: HF_ROUTER_URL, model: routed, keyName: HF_KEY_NAME };
}

/** The agent's name: the file's own `name`, else one made from its model. */
function nameOf(value: Json): string {
  if (typeof value.name === 'string' && value.name.trim() !== '') return value.name.trim().slice(0, 200);
  const model = typeof value.model === 'string' ? value.model.split('/').at(-1)?.trim() : undefined;
  return model ? `Tiny agent (${model})`.slice(0, 200) : 'Tiny agent';
}

/** Plans the import of one `agent.json` (parsed), with the instructions file chosen beside it, if any. */
export function readTinyAgentConfig(
  value: unknown,
  fileName: string,
  context: ImportContext,
  instructions?: { file: string; text: string },
): ImportedAgent {
  if (!isObject(value)) refuse('bad-shape', `${fileName} must hold a JSON object.`);
  if (value.servers !== undefined && !Array.isArray(value.servers)) refuse('bad-shape', `${fileName}: "servers" must be a list.`);
  const notes: ImportNote[] = [];
  const read = ((value.servers as unknown[] | undefined) ?? []).map((entry) => readServer(entry, fileName, context, notes));
  // A server already added here (same address) is used as it is, not added a second time.
  const serverIds = read.map((server) => context.mcpServers.find((existing) => existing.url === server.url)?.id ?? server.id);
  const servers = read.filter((server, index) => serverIds[index] === server.id);
  const draft = context.draft();
  if (instructions) notes.push({ kind: 'instructions-from', file: instructions.file });
  const agent: AgentDefinition = {
    ...draft,
    version: AGENT_DEFINITION_VERSION,
    name: nameOf(value),
    description: typeof value.description === 'string' ? value.description : '',
    instructions: instructions?.text ?? (typeof value.prompt === 'string' ? value.prompt : ''),
    engine: engineOf(value, fileName),
    tools: [...new Set(serverIds)].map((serverId) => ({ kind: 'mcp-server', serverId })),
  };
  const missingKey = missingKeyOf(agent, context);
  return {
    format: 'tiny-agents',
    files: instructions ? [fileName, instructions.file] : [fileName],
    agent,
    mcpServers: servers,
    notes,
    confirmations: confirmationsFor(agent, servers, context),
    ...(missingKey ? { missingKey } : {}),
  };
}
