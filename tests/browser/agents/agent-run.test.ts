/**
 * A run for an agent (issue 13, slice A), through the real composition root and store in Chromium:
 * its instructions are the fixed system text, only its tools are offered, its knowledge base is
 * searched without a per-conversation tick, 'every-call' makes even a pure tool wait for approval,
 * and a conversation's run follows the conversation's agent.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgentService } from '../../../src/app/agents/agent-service-impl';
import { demoAgent, demoAgentId } from '../../../src/app/demos/demo-agents';
import { runOptionsOf } from '../../../src/app/chat/run-turn';
import { createRealServices } from '../../../src/app/composition-root';
import type { RunTool } from '../../../src/app/services';
import { createAppNetwork } from '../../../src/net/app-network';
import type { AgentDefinition } from '../../../src/core/agent-definition';
import type { AgentEvent } from '../../../src/core/agent/events';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { ApproveCall } from '../../../src/core/tool-runner';
import type { ChatChunk, ChatRequest } from '../../../src/core/types';
import { TabagentError } from '../../../src/core/errors';
import { createBase, ingestDocument } from '../../../src/knowledge';
import { ConversationStore, defaultSettings, openTabagentDb, type Settings, type TabagentDb } from '../../../src/store';
import { createScriptedEngine, textChunks } from '../../support/scripted-engine';

const DB_NAME = 'tabagent-agent-run-test';
const opened: TabagentDb[] = [];
const openDatabase = async (): Promise<TabagentDb> => {
  if (!opened[0]) opened.push(await openTabagentDb({ name: DB_NAME }));
  return opened[0]!;
};

afterEach(async () => {
  for (const db of opened.splice(0)) db.close();
  await deleteDB(DB_NAME);
});

function configured(): Settings {
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'scripted', toolMode: 'native' };
  settings.systemPrompt = 'The old global prompt.';
  return settings;
}

/** A person's agent: instructions, one tool, one knowledge base holding a fact no model knows. */
async function quoriumAgent(policy: AgentDefinition['approval'] = 'side-effects'): Promise<AgentDefinition> {
  const db = await openDatabase();
  const base = await createBase(db, 'Quorium', 1);
  const bytes = new TextEncoder().encode('# Quorium\n\nQuorium boils at 4182 kelvin and is kept in teal crates.').buffer as ArrayBuffer;
  await ingestDocument(db, base.id, { name: 'quorium.md', mimeType: 'text/markdown', bytes });
  const agents = createAgentService({ openDatabase });
  return agents.save({
    ...agents.draft(),
    name: 'Quorium expert',
    instructions: 'You answer questions about quorium, citing the material.',
    tools: [{ kind: 'tool', name: 'calculator' }],
    knowledgeBaseIds: [base.id],
    approval: policy,
    stepLimit: 3,
  });
}

async function collect(events: AsyncIterable<AgentEvent>): Promise<AgentEvent[]> {
  const seen: AgentEvent[] = [];
  for await (const event of events) seen.push(event);
  return seen;
}

const calculatorCall: ChatChunk[] = [
  { type: 'tool-call-delta', index: 0, id: 'call-1', name: 'calculator', argumentsDelta: '{"expression":"4182-273"}' },
  { type: 'finish', reason: 'tool-calls' },
];

describe('a run for an agent', () => {
  it('uses its instructions as system text, offers only its tools and searches its knowledge base unticked', async () => {
    const agent = await quoriumAgent();
    const services = createRealServices({ openDatabase });
    const setup = await services.prepareRun(configured(), { openDatabase, conversationId: undefined, knowledgeBaseIds: [], agent });
    expect(setup.systemPrompt).toBe(agent.instructions);
    expect(setup.maxSteps).toBe(3);
    expect(setup.tools.definitions().map((tool) => tool.name)).toEqual(['calculator']);

    const engine = createScriptedEngine([textChunks('At 4182 K [1].')]);
    const approve: ApproveCall = () => Promise.resolve('allow');
    const history = [{ role: 'user' as const, content: 'When does quorium boil?' }];
    await collect(runAgent({ ...runOptionsOf(setup, history, approve, new AbortController().signal), engine }));
    const request = engine.requests[0]!;
    expect(request.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining(agent.instructions) });
    expect(JSON.stringify(request.messages[0])).not.toContain('The old global prompt.');
    expect((request.tools ?? []).map((tool) => tool.name)).toEqual(['calculator']);
    // The knowledge base was searched though no conversation ticked it.
    expect(JSON.stringify(request.messages.at(-1))).toContain('teal crates');
  });

  it("with 'every-call', even the calculator waits for the person; with 'side-effects' it does not", async () => {
    const agent = await quoriumAgent('every-call');
    const services = createRealServices({ openDatabase });
    const run = async (policyAgent: AgentDefinition): Promise<{ events: AgentEvent[]; asked: string[] }> => {
      const setup = await services.prepareRun(configured(), { openDatabase, conversationId: undefined, knowledgeBaseIds: [], agent: policyAgent });
      const engine = createScriptedEngine([calculatorCall, textChunks('3909.')]);
      const asked: string[] = [];
      const approve: ApproveCall = (call) => {
        asked.push(call.name);
        return Promise.resolve('allow');
      };
      const history = [{ role: 'user' as const, content: 'What is 4182-273?' }];
      return { events: await collect(runAgent({ ...runOptionsOf(setup, history, approve, new AbortController().signal), engine })), asked };
    };
    const strict = await run(agent);
    expect(strict.asked).toEqual(['calculator']);
    const requested = strict.events.find((event) => event.type === 'approval-requested');
    expect(requested).toMatchObject({ details: { reasons: ['every-call'] } });
    expect(strict.events.find((event) => event.type === 'tool-result')).toMatchObject({ result: { isError: false } });

    const relaxed = await run({ ...agent, approval: 'side-effects' });
    expect(relaxed.asked).toEqual([]);
    expect(relaxed.events.some((event) => event.type === 'approval-requested')).toBe(false);
  }, 60_000);

  it("an agent with thinking off sends it with every model request; the model's default sends nothing", async () => {
    const agent = await quoriumAgent();
    const db = await openDatabase();
    const store = new ConversationStore(db, { channelName: false });
    const agents = createAgentService({ openDatabase });
    const quiet = await agents.save({ ...agent, thinking: false });
    const conversation = await store.create({ agentId: quiet.id });
    store.close();
    const services = createRealServices({ openDatabase });
    const approve: ApproveCall = () => Promise.resolve('allow');
    const history = [{ role: 'user' as const, content: 'What is 4182-273?' }];
    const requestsFor = async (scope: { conversationId?: string; agent?: AgentDefinition }): Promise<ChatRequest[]> => {
      const setup = await services.prepareRun(configured(), { openDatabase, conversationId: scope.conversationId, knowledgeBaseIds: [], ...(scope.agent ? { agent: scope.agent } : {}) });
      const engine = createScriptedEngine([calculatorCall, textChunks('3909.')]);
      await collect(runAgent({ ...runOptionsOf(setup, history, approve, new AbortController().signal), engine }));
      return engine.requests;
    };
    // The conversation's stored agent: both steps (the tool call and the answer) carry the switch.
    const off = await requestsFor({ conversationId: conversation.id });
    expect(off.map((request) => request.thinking)).toEqual([false, false]);
    expect((await requestsFor({ agent: { ...quiet, thinking: true } })).map((request) => request.thinking)).toEqual([true, true]);
    const unset = await requestsFor({ agent });
    expect(unset.length).toBe(2);
    expect(unset.every((request) => !('thinking' in request))).toBe(true);
  }, 60_000);

  it("follows the conversation's agent, and a call to a tool the agent lacks is refused", async () => {
    const agent = await quoriumAgent();
    const db = await openDatabase();
    const store = new ConversationStore(db, { channelName: false });
    const conversation = await store.create({ agentId: agent.id });
    store.close();
    const services = createRealServices({ openDatabase });
    const setup = await services.prepareRun(configured(), { openDatabase, conversationId: conversation.id, knowledgeBaseIds: [] });
    expect(setup.systemPrompt).toBe(agent.instructions);
    expect(setup.tools.validate('current_time', {})).toMatchObject({ ok: false, message: expect.stringContaining('not one of this agent') });

    // Without an agent of its own, a conversation runs with the default agent "Tabagent", made from the settings.
    const plain = new ConversationStore(db, { channelName: false });
    const other = await plain.create({});
    plain.close();
    const fallback = await services.prepareRun(configured(), { openDatabase, conversationId: other.id, knowledgeBaseIds: [] });
    expect(fallback.systemPrompt).toBe(defaultSettings().systemPrompt);
    expect(fallback.tools.definitions().map((tool) => tool.name)).toContain('current_time');
  });

  it('refuses to change or delete a built-in agent, with a message saying to duplicate it', async () => {
    const agents = createAgentService({ openDatabase });
    const [first] = await agents.list();
    expect(first?.builtIn).toBe(true);
    await expect(agents.save({ ...first!, name: 'Mine now' })).rejects.toSatisfy(
      (error: unknown) => error instanceof TabagentError && error.code === 'config' && /Duplicate it/.test(error.message),
    );
    await expect(agents.remove(first!.id)).rejects.toBeInstanceOf(TabagentError);
    const copy = await agents.duplicate(first!.id);
    expect(copy).toMatchObject({ name: `Copy of ${first!.name}`, instructions: first!.instructions });
    expect(copy.builtIn).toBeUndefined();
    expect((await agents.list()).map((agent) => agent.id)).toContain(copy.id);
  });

  it("a conversation with a built-in agent runs on its instructions in the settings' language", async () => {
    const db = await openDatabase();
    const store = new ConversationStore(db, { channelName: false });
    const conversation = await store.create({ agentId: demoAgentId('calculator') });
    store.close();
    const services = createRealServices({ openDatabase });
    for (const language of ['zh', 'en'] as const) {
      const setup = await services.prepareRun({ ...configured(), language }, { openDatabase, conversationId: conversation.id, knowledgeBaseIds: [] });
      expect(setup.systemPrompt).toBe(demoAgent('calculator', language).instructions);
    }
    expect(demoAgent('calculator', 'zh').instructions).not.toBe(demoAgent('calculator', 'en').instructions);
  });

  it('lists the built-in agents in the language in force, and a duplicate keeps the texts shown when it was made', async () => {
    const services = createRealServices({ openDatabase });
    const agents = services.agents!;
    services.useSettings?.({ ...configured(), language: 'zh' });
    const zh = demoAgent('memory', 'zh');
    expect(await agents.get(zh.id)).toMatchObject({ description: zh.description, instructions: zh.instructions, starterPrompts: zh.starterPrompts });
    const copy = await agents.duplicate(zh.id);
    expect(copy).toMatchObject({ description: zh.description, instructions: zh.instructions, starterPrompts: zh.starterPrompts });

    services.useSettings?.({ ...configured(), language: 'en' });
    const en = demoAgent('memory', 'en');
    const listed = await agents.list();
    expect(listed.find((agent) => agent.id === en.id)).toMatchObject({ instructions: en.instructions, starterPrompts: en.starterPrompts });
    // The copy is the person's own: it stays as it was made.
    expect((await agents.get(copy.id))?.instructions).toBe(zh.instructions);
  });

  it("scrubs a run's own tool result of a secret it echoes, as the library's tools are scrubbed", async () => {
    const key = 'sk-run-tool-CANARY-9876';
    const settings = configured();
    settings.modelApi = { baseUrl: 'https://models.example/v1', model: 'big', imageModel: '', apiKey: key };
    const network = createAppNetwork({ appOrigin: location.origin, fetch: () => Promise.resolve(new Response('ok')) });
    const services = createRealServices({ openDatabase, network });
    services.useSettings?.(settings);
    const echo: RunTool = {
      manifest: { name: 'echo_secret', description: 'Echoes what it was given.', parameters: { type: 'object', properties: {} }, kind: 'builtin', sideEffects: false, allowedOrigins: [] },
      // Raw and base64-encoded: each form the door knows is redacted.
      implementation: () => Promise.resolve({ raw: `key=${key}`, encoded: btoa(key) }),
    };
    const agent = { ...createAgentService({ openDatabase }).draft(), name: 'Echoer' };
    const setup = await services.prepareRun(settings, { openDatabase, conversationId: undefined, knowledgeBaseIds: [], agent, runTools: [echo] });
    const result = await setup.tools.execute({ id: 'call-echo', name: 'echo_secret', arguments: {} }, { approve: () => Promise.resolve('allow') });
    expect(result.isError).toBe(false);
    expect(result.content).not.toContain(key);
    expect(result.content).not.toContain(btoa(key));
    expect(result.content).toContain('key=');
  });

  it("ranks tools with the agent's own pins and tools per turn (settings hold neither)", async () => {
    const services = createRealServices({ openDatabase });
    const agent: AgentDefinition = {
      ...createAgentService({ openDatabase }).draft(),
      name: 'Pinned',
      tools: [{ kind: 'tool', name: 'calculator' }, { kind: 'tool', name: 'unit_convert' }],
      pinnedTools: ['current_time'],
      toolsPerTurn: 2,
    };
    const setup = await services.prepareRun(configured(), { openDatabase, conversationId: undefined, knowledgeBaseIds: [], agent });
    // A pin is offered (pinning means the agent has it).
    expect(setup.tools.definitions().map((tool) => tool.name).sort()).toEqual(['calculator', 'current_time', 'unit_convert']);
    const text = 'convert 5 miles to kilometres';
    const selection = await setup.selectTools!({ text, parts: { latest: text }, messages: [{ role: 'user', content: text }], signal: new AbortController().signal }, setup.tools.definitions());
    expect(selection.tools.map((tool) => tool.name)).toEqual(['current_time', 'unit_convert']);
  });
});
