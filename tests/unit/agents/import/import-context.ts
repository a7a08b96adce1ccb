/** An ImportContext over plain values, for planning tests (the importer builds the real one from IndexedDB). */
import type { ImportContext } from '../../../../src/app/agents/import/import-plan';
import { builtinManifests } from '../../../../src/tools/builtins';
import { FakeAgentService } from '../../../support/fake-agents-ashare';

const NETWORK_KINDS = new Set(['http', 'openapi', 'mcp', 'model-api']);

export function importContext(fields: Partial<ImportContext> = {}): ImportContext {
  const agents = new FakeAgentService();
  let servers = 0;
  const tools = new Map(builtinManifests.map((manifest) => [manifest.name, manifest]));
  return {
    draft: () => agents.draft(),
    newId: () => `server-${++servers}`,
    knowledgeBaseIds: new Set(),
    agentIds: new Set(),
    mcpServers: [],
    keyNames: new Set(),
    tool: (name) => {
      const manifest = tools.get(name);
      return manifest ? { sendsData: manifest.allowedOrigins.length > 0 || NETWORK_KINDS.has(manifest.kind) } : undefined;
    },
    ...fields,
  };
}

/** A file for `planAgentImport` from text. */
export function textFile(name: string, text: string): { name: string; size: number; text: () => Promise<string> } {
  return { name, size: new TextEncoder().encode(text).byteLength, text: () => Promise.resolve(text) };
}
