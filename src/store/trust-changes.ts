import type { AgentDefinition } from '../core/agent-definition';
/**
 * Security-relevant changes that data from elsewhere (a backup, later an agent file or a share
 * link) would make: strict network mode turned off, an engine or model API moved to another
 * server, a data-sending tool or an MCP server switched on. Stops a hostile or stale file from
 * changing whom this browser talks to without the person knowing: an importer lists these
 * changes (`plan`), the person confirms a list of exactly those changes (`confirm`), and only the
 * confirmed ones are applied; the rest of the data is imported without them.
 */
import { TabagentError } from '../core/errors';
import type { McpServerRecord, ToolRecord } from './records';
import { isStrictNetwork, isToolEnabled, type Settings } from './settings';

/** A setting that says where requests go. */
export type EndpointSetting = 'engine.baseUrl' | 'engine.customModelUrl' | 'modelApi.baseUrl';

/** One security-relevant change, with a stable `id` that a confirmation names. */
export type TrustChange =
  | { id: string; kind: 'strict-network-off' }
  | { id: string; kind: 'endpoint'; setting: EndpointSetting; from: string; to: string }
  | { id: string; kind: 'tool-enabled'; name: string; origins: string[] }
  | { id: string; kind: 'mcp-server-enabled'; name: string; url: string }
  /** An agent that talks to its own server (its requests, and what the person types to it, go there). */
  | { id: string; kind: 'agent-engine'; name: string; url: string };

const ENDPOINTS: readonly EndpointSetting[] = ['engine.baseUrl', 'engine.customModelUrl', 'modelApi.baseUrl'];

function endpointOf(settings: Settings, setting: EndpointSetting): string {
  switch (setting) {
    case 'engine.baseUrl':
      return settings.engine.baseUrl;
    case 'engine.customModelUrl':
      return settings.engine.customModelUrl ?? '';
    case 'modelApi.baseUrl':
      return settings.modelApi.baseUrl;
  }
}

function withEndpoint(settings: Settings, setting: EndpointSetting, value: string): Settings {
  switch (setting) {
    case 'engine.baseUrl':
      return { ...settings, engine: { ...settings.engine, baseUrl: value } };
    case 'engine.customModelUrl': {
      const { customModelUrl: _dropped, ...engine } = settings.engine;
      return { ...settings, engine: value === '' ? engine : { ...engine, customModelUrl: value } };
    }
    case 'modelApi.baseUrl':
      return { ...settings, modelApi: { ...settings.modelApi, baseUrl: value } };
  }
}

/** Tool names that `current` switches off and `next` switches on (a tool not listed is on). */
function reenabledTools(current: Settings, next: Settings): string[] {
  return Object.keys(current.enabledTools).filter((name) => !isToolEnabled(current, name) && isToolEnabled(next, name));
}

/**
 * The security-relevant changes from `current` settings (this browser's, or the defaults when
 * none were saved) to `next` (from the file): strict mode off, each endpoint moved, each tool
 * that the person switched off switched back on.
 */
export function settingsTrustChanges(current: Settings, next: Settings): TrustChange[] {
  const changes: TrustChange[] = [];
  if (isStrictNetwork(current) && !isStrictNetwork(next)) changes.push({ id: 'strict-network-off', kind: 'strict-network-off' });
  for (const setting of ENDPOINTS) {
    const from = endpointOf(current, setting);
    const to = endpointOf(next, setting);
    if (to.trim() !== '' && to !== from) changes.push({ id: `endpoint:${setting}`, kind: 'endpoint', setting, from, to });
  }
  for (const name of reenabledTools(current, next)) changes.push({ id: `tool-setting:${name}`, kind: 'tool-enabled', name, origins: [] });
  return changes;
}

/**
 * `next` with every change of `settingsTrustChanges(current, next)` that is not in `confirmed`
 * put back to `current`'s value: strict mode stays as it was, endpoints stay where they were,
 * tools switched off stay off.
 */
export function withConfirmedSettings(current: Settings, next: Settings, confirmed: ReadonlySet<string>): Settings {
  let result = next;
  for (const change of settingsTrustChanges(current, next)) {
    if (confirmed.has(change.id)) continue;
    if (change.kind === 'strict-network-off') {
      const { strictNetwork: _dropped, ...rest } = result;
      result = rest;
    } else if (change.kind === 'endpoint') result = withEndpoint(result, change.setting, change.from);
    else if (change.kind === 'tool-enabled') result = { ...result, enabledTools: { ...result.enabledTools, [change.name]: false } };
  }
  return result;
}

const DATA_SENDING_KINDS = new Set(['http', 'openapi', 'mcp', 'model-api']);

/** A tool record that would be registered switched on and can send data out: it needs a confirmation. */
export function toolTrustChange(tool: ToolRecord): TrustChange | undefined {
  const origins = Array.isArray(tool.manifest.allowedOrigins) ? tool.manifest.allowedOrigins : [];
  if (!tool.enabled || (origins.length === 0 && !DATA_SENDING_KINDS.has(tool.manifest.kind))) return undefined;
  return { id: `tool:${tool.name}`, kind: 'tool-enabled', name: tool.name, origins: [...origins] };
}

/** An MCP server record that would be connected at start: it needs a confirmation. */
/** The change a backup's agent brings when it talks to its own server: confirmed, its engine is kept; otherwise it uses the default engine. */
export function agentEngineTrustChange(agent: AgentDefinition): TrustChange | undefined {
  return agent.engine.kind === 'server' ? { id: `agent-engine:${agent.id}`, kind: 'agent-engine', name: agent.name, url: agent.engine.baseUrl } : undefined;
}

/** The change a backup's MCP server brings: switched on, it connects (and its tools may send data). */
export function mcpServerTrustChange(server: McpServerRecord): TrustChange | undefined {
  return server.enabled ? { id: `mcp:${server.id}`, kind: 'mcp-server-enabled', name: server.name, url: server.url } : undefined;
}

/**
 * The ids of the confirmed changes, after checking that each one is exactly a planned change (a
 * confirmation of something the person was not shown is refused). Throws TabagentError('config').
 */
export function confirmedIds(planned: readonly TrustChange[], confirmed: readonly TrustChange[]): Set<string> {
  const byId = new Map(planned.map((change) => [change.id, JSON.stringify(change)]));
  for (const change of confirmed) {
    if (byId.get(change.id) !== JSON.stringify(change)) {
      throw new TabagentError('config', `The confirmed change "${change.id}" is not one of the changes this import would make; show the list again and confirm it.`);
    }
  }
  return new Set(confirmed.map((change) => change.id));
}
