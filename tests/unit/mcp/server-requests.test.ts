import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { McpServerManager } from '../../../src/tools/mcp/mcp-server-manager';
import { createMemoryServerStore } from '../../../src/tools/mcp/server-store';
import type { McpElicitation, McpElicitationAnswer } from '../../../src/tools/mcp/elicitation';
import { elicitationContent, elicitationErrors } from '../../../src/tools/mcp/elicitation';
import { completeOnEngine, type McpSamplingRequest } from '../../../src/tools/mcp/sampling';
import { ToolRegistry } from '../../../src/tools/registry';
import { startEverythingServer, type EverythingServer } from '../../support/mcp-everything';
import { createScriptedEngine, textChunks } from '../../support/scripted-engine';

const context = { signal: new AbortController().signal, fetch: globalThis.fetch };

function call(registry: ToolRegistry, name: string, args: Record<string, unknown>): Promise<unknown> {
  const tool = registry.get(name);
  if (!tool) throw new Error(`${name} is not registered`);
  return tool.implementation(args, context);
}

function textOf(value: unknown): string {
  return JSON.stringify(value);
}

/** Sampling and elicitation requests from the reference server, answered through our client. */
describe('MCP server requests against server-everything', { timeout: 90_000 }, () => {
  let server: EverythingServer;

  beforeAll(async () => {
    server = await startEverythingServer('streamableHttp');
  }, 90_000);

  afterAll(async () => {
    await server?.close();
  });

  it('without handlers the client declares nothing, and the server offers no sampling or elicitation tools', async () => {
    const registry = new ToolRegistry();
    const manager = new McpServerManager({ registry, store: createMemoryServerStore() });
    try {
      const status = await manager.add({ url: server.url });
      expect(status.tools).not.toContain('everything__trigger-sampling-request');
      expect(status.tools).not.toContain('everything__trigger-elicitation-request');
    } finally {
      await manager.close();
    }
  });

  it('sampling: the person sees the exact request, allows it, and the engine completion (without tools) goes back to the server', async () => {
    const registry = new ToolRegistry();
    const engine = createScriptedEngine([textChunks('Paris is the capital of France.')]);
    const shown: McpSamplingRequest[] = [];
    const manager = new McpServerManager({
      registry,
      store: createMemoryServerStore(),
      sampling: {
        approve: async (request) => {
          shown.push(structuredClone(request));
          return true;
        },
        complete: (request, signal) => completeOnEngine(engine, request, signal, 'scripted-model'),
      },
    });
    try {
      const status = await manager.add({ url: server.url });
      expect(status.tools).toContain('everything__trigger-sampling-request');
      const result = await call(registry, 'everything__trigger-sampling-request', { prompt: 'What is the capital of France?', maxTokens: 50 });
      expect(shown).toEqual([
        {
          server: { name: 'everything', origin: new URL(server.url).origin },
          messages: [{ role: 'user', text: 'Resource trigger-sampling-request context: What is the capital of France?' }],
          systemPrompt: 'You are a helpful test server.',
          maxTokens: 50,
          temperature: 0.7,
          toolsRefused: false,
        },
      ]);
      expect(engine.requests).toHaveLength(1);
      expect(engine.requests[0]).toMatchObject({
        messages: [
          { role: 'system', content: 'You are a helpful test server.' },
          { role: 'user', content: 'Resource trigger-sampling-request context: What is the capital of France?' },
        ],
        maxTokens: 50,
      });
      expect(engine.requests[0]!.tools).toBeUndefined();
      const text = textOf(result);
      expect(text).toContain('Paris is the capital of France.');
      expect(text).toContain('scripted-model');
      expect(text).toContain('assistant');
    } finally {
      await manager.close();
    }
  });

  it('sampling: "Deny" sends the server an error and the engine is never asked', async () => {
    const registry = new ToolRegistry();
    const engine = createScriptedEngine([]);
    const manager = new McpServerManager({
      registry,
      store: createMemoryServerStore(),
      sampling: { approve: async () => false, complete: (request, signal) => completeOnEngine(engine, request, signal) },
    });
    try {
      await manager.add({ url: server.url });
      const outcome = await call(registry, 'everything__trigger-sampling-request', { prompt: 'hi', maxTokens: 10 }).then(
        (value) => textOf(value),
        (error: unknown) => String(error),
      );
      expect(outcome).toMatch(/declined this sampling request/);
      expect(engine.requests).toHaveLength(0);
    } finally {
      await manager.close();
    }
  });

  it('elicitation: the form is built from the schema, validated, and accepted content reaches the server', async () => {
    const registry = new ToolRegistry();
    const asked: McpElicitation[] = [];
    const manager = new McpServerManager({
      registry,
      store: createMemoryServerStore(),
      elicitation: async (request): Promise<McpElicitationAnswer> => {
        asked.push(request);
        if (request.mode !== 'form') return { action: 'cancel' };
        const invalid = elicitationContent(request.fields, { name: 'Ada', email: 'not an email', integer: '2.5' });
        expect(elicitationErrors(request.schema, invalid).length).toBeGreaterThan(0);
        const content = elicitationContent(request.fields, { name: 'Ada Lovelace', check: true, integer: '42', email: 'ada@example.org' });
        expect(elicitationErrors(request.schema, content)).toEqual([]);
        return { action: 'accept', content };
      },
    });
    try {
      const status = await manager.add({ url: server.url });
      expect(status.tools).toContain('everything__trigger-elicitation-request');
      const result = await call(registry, 'everything__trigger-elicitation-request', {});
      expect(asked).toHaveLength(1);
      const form = asked[0]!;
      expect(form.mode).toBe('form');
      if (form.mode !== 'form') return;
      expect(form.fields.map((field) => field.name)).toEqual(expect.arrayContaining(['name', 'check', 'email']));
      expect(form.fields.find((field) => field.name === 'check')?.type).toBe('boolean');
      const text = textOf(result);
      expect(text).toContain('Ada Lovelace');
      expect(text).toMatch(/accept/);
    } finally {
      await manager.close();
    }
  });

  it('elicitation: decline and cancel reach the server as such', async () => {
    for (const action of ['decline', 'cancel'] as const) {
      const registry = new ToolRegistry();
      const manager = new McpServerManager({ registry, store: createMemoryServerStore(), elicitation: async () => ({ action }) });
      try {
        await manager.add({ url: server.url });
        const result = await call(registry, 'everything__trigger-elicitation-request', {});
        expect(textOf(result)).toMatch(new RegExp(action));
      } finally {
        await manager.close();
      }
    }
  });
});
