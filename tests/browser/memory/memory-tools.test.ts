/**
 * remember → recall → forget through the real agent loop, tool registry and executor, with the
 * memories in real IndexedDB: a memory saved in one conversation is quoted into a later one's
 * prompt, and once forgotten (after the person's approval) it is gone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/agent/events';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { ApprovalDecision } from '../../../src/core/tool-runner';
import type { ChatMessage, ChatRequest, ToolCall } from '../../../src/core/types';
import { createMemoryContextProvider, memoryToolStore, MemoryRepository } from '../../../src/memory';
import { createToolExecutor, registerBuiltins, ToolRegistry } from '../../../src/tools';
import { createScriptedEngine, textChunks, toolCallChunks, type ScriptStep } from '../../support/scripted-engine';
import { StoreScope } from '../store/support';

const scope = new StoreScope();
afterEach(() => scope.cleanup());

async function setup() {
  const repository = new MemoryRepository(await scope.open());
  const registry = new ToolRegistry();
  registerBuiltins(registry, { memory: async () => memoryToolStore(repository) });
  const approvals: ToolCall[] = [];
  const approve = async (call: Readonly<ToolCall>): Promise<ApprovalDecision> => {
    approvals.push(structuredClone(call) as ToolCall);
    return 'allow';
  };
  const tools = createToolExecutor(registry);
  const context = [createMemoryContextProvider(async () => repository)];

  /** One conversation turn: a new user message (after `history`) answered by the scripted steps. */
  async function turn(text: string, steps: ScriptStep[], history: ChatMessage[] = []) {
    const engine = createScriptedEngine(steps);
    const events: AgentEvent[] = [];
    for await (const event of runAgent({ engine, tools, context, approve, messages: [...history, { role: 'user', content: text }] })) events.push(event);
    expect(events.at(-1)?.type).toBe('finish');
    return { requests: engine.requests, events };
  }
  return { repository, registry, approvals, turn };
}

/** The newest user message of a request, as the model read it (with its quoted context). */
function newestUserText(request: ChatRequest | undefined): string {
  return request?.messages.filter((message) => message.role === 'user').at(-1)?.content ?? '';
}

function toolResults(events: AgentEvent[]): { name: string; content: unknown }[] {
  return events.flatMap((event) => (event.type === 'tool-result' ? [{ name: event.call.name, content: JSON.parse(event.result.content) as unknown }] : []));
}

describe('memory tools in the agent loop', () => {
  it('registers remember, recall and forget; only forget needs approval', async () => {
    const { registry } = await setup();
    expect(registry.enabledNames()).toEqual(expect.arrayContaining(['remember', 'recall', 'forget']));
    expect(registry.get('forget')?.manifest.sideEffects).toBe(true);
    expect(registry.get('remember')?.manifest.sideEffects).toBe(false);
    expect(registry.get('recall')?.manifest.sideEffects).toBe(false);
    // Without a memory store the tools are not offered at all.
    const bare = new ToolRegistry();
    registerBuiltins(bare);
    expect(bare.has('remember')).toBe(false);
  });

  it('remember → a new conversation gets it in the prompt → recall → forget → gone', async () => {
    const { repository, approvals, turn } = await setup();

    // 1. The agent saves a memory.
    const first = await turn('Remember that my cat is called Miso.', [
      toolCallChunks([{ id: 'r1', name: 'remember', arguments: { text: "The user's cat is called Miso.", tags: ['pets'] } }]),
      textChunks('I will remember that.'),
    ]);
    const saved = toolResults(first.events)[0];
    expect(saved).toMatchObject({ name: 'remember', content: { saved: { text: "The user's cat is called Miso.", tags: ['pets'] } } });
    const [memory] = await repository.list();
    expect(memory).toMatchObject({ text: "The user's cat is called Miso.", origin: 'agent' });
    expect(approvals).toEqual([]);

    // 2. A new conversation: the memory is quoted with the message, untrusted (the agent wrote it).
    const second = await turn('What is my cat called?', [textChunks('Your cat is called Miso.')]);
    const quoted = newestUserText(second.requests[0]);
    expect(quoted).toMatch(/<memory id="1" title="Memory from \d{4}-\d{2}-\d{2} \(pets\)" trust="untrusted">\nThe user's cat is called Miso\.\n<\/memory>/);
    const contextEvent = second.events.find((event) => event.type === 'context');
    expect(contextEvent?.type === 'context' && contextEvent.sections.map((section) => section.ref)).toEqual([memory!.id]);
    // An unrelated message is not given the memory.
    const unrelated = await turn('What is 2 + 2?', [textChunks('4')]);
    expect(newestUserText(unrelated.requests[0])).not.toContain('Miso');

    // 3. recall finds it by its tag.
    const third = await turn('What pets do I have?', [
      toolCallChunks([{ id: 'q1', name: 'recall', arguments: { query: 'pets' } }]),
      textChunks('A cat called Miso.'),
    ]);
    expect(toolResults(third.events)[0]).toMatchObject({ name: 'recall', content: { memories: [{ id: memory!.id, text: "The user's cat is called Miso." }] } });

    // 4. forget: a query lists candidates and deletes nothing; the id deletes it. Both asked the person first.
    const fourth = await turn('Forget my cat.', [
      toolCallChunks([{ id: 'f1', name: 'forget', arguments: { query: 'cat' } }]),
      (request) => {
        const listed = request.messages.find((message) => message.role === 'tool');
        const { candidates } = JSON.parse(listed?.content ?? '{}') as { candidates: { id: string }[] };
        return toolCallChunks([{ id: 'f2', name: 'forget', arguments: { id: candidates[0]?.id } }]);
      },
      textChunks('Forgotten.'),
    ]);
    const [listed, deleted] = toolResults(fourth.events);
    expect(listed).toMatchObject({ name: 'forget', content: { deleted: null, candidates: [{ id: memory!.id }] } });
    expect(deleted).toMatchObject({ name: 'forget', content: { deleted: { id: memory!.id, text: "The user's cat is called Miso." } } });
    expect(approvals.map((call) => call.arguments)).toEqual([{ query: 'cat' }, { id: memory!.id }]);
    expect(await repository.list()).toEqual([]);

    // 5. Gone: the next conversation's prompt no longer holds it, and recall finds nothing.
    const fifth = await turn('What is my cat called?', [
      toolCallChunks([{ id: 'q2', name: 'recall', arguments: { query: 'cat' } }]),
      textChunks('I do not know.'),
    ]);
    expect(newestUserText(fifth.requests[0])).not.toContain('Miso');
    expect(toolResults(fifth.events)[0]).toMatchObject({ content: { memories: [], note: 'No saved memory matches.' } });
  });

  it('a denied forget deletes nothing', async () => {
    const repository = new MemoryRepository(await scope.open());
    const { memory } = await repository.add({ text: 'The user is allergic to peanuts.' });
    const registry = new ToolRegistry();
    registerBuiltins(registry, { memory: async () => memoryToolStore(repository) });
    const engine = createScriptedEngine([toolCallChunks([{ id: 'f', name: 'forget', arguments: { id: memory.id } }]), textChunks('Kept.')]);
    const events: AgentEvent[] = [];
    for await (const event of runAgent({
      engine,
      tools: createToolExecutor(registry),
      approve: async () => 'deny',
      messages: [{ role: 'user', content: 'Forget my allergy.' }],
    })) {
      events.push(event);
    }
    const result = events.find((event) => event.type === 'tool-result');
    expect(result?.type === 'tool-result' && result.result.isError).toBe(true);
    expect((await repository.list()).map((entry) => entry.id)).toEqual([memory.id]);
  });
});
