import { deleteDB } from 'idb';
import { createRoot } from 'solid-js';
import { render } from 'solid-js/web';
import { unwrap } from 'solid-js/store';
import { afterEach, describe, expect, it } from 'vitest';
import { runAgent } from '../../../src/core/agent/run-agent';
import type { RunAgentOptions } from '../../../src/core/agent/options';
import type { ChatMessage } from '../../../src/core/types';
import { ToolSelector } from '../../../src/retrieval';
import { ConversationStore, openTabagentDb, restoreTurns, type TabagentDb } from '../../../src/store';
import { createChatController } from '../../../src/ui/chat/chat-controller';
import { createTurnPersister } from '../../../src/app/chat/turn-persister';
import { TurnView } from '../../../src/ui/components/turn-view';
import { setLocale } from '../../../src/ui/i18n';
import { createFakeToolRunner } from '../../support/fake-tool-runner';
import { manyTools } from '../../support/many-tools';
import { createScriptedEngine, textChunks } from '../../support/scripted-engine';

const DB_NAME = 'tabagent-tool-retrieval-chat';
const cleanups: (() => void)[] = [];
const opened: TabagentDb[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const db of opened.splice(0)) db.close();
  await deleteDB(DB_NAME);
});

describe('tool retrieval in the chat', () => {
  it('shows the offered tools, saves them with the turn, and repeats the turn context later', async () => {
    setLocale('en');
    const library = manyTools(5_000);
    const runner = createFakeToolRunner(library.map((definition) => ({ definition, run: async () => ({ ok: true }) })));
    const selector = new ToolSelector({ k: 5, pinned: () => ['count_news_p3'] });
    const engine = createScriptedEngine([textChunks('Sunny.'), textChunks('Rainy.')], { nativeToolCalls: false });
    const seen: ChatMessage[][] = [];
    const db = await openTabagentDb({ name: DB_NAME });
    opened.push(db);
    const store = new ConversationStore(db, { channelName: false });
    const { id } = await store.create();
    const sink = createTurnPersister({ store: Promise.resolve(store), conversationId: Promise.resolve(id), onError: () => undefined });
    const controller = createRoot((dispose) => {
      cleanups.push(dispose);
      return createChatController({
        runAgent: (options: RunAgentOptions) => {
          seen.push(options.messages);
          return runAgent(options);
        },
        prepareRun: () => ({
          engine,
          tools: runner,
          toolMode: 'hermes',
          selectTools: (query, tools) => selector.select(query.parts, tools, query.signal),
        }),
        persistence: () => sink,
      });
    });

    await controller.send('What is the weather forecast for Oslo?');
    const first = controller.turns[0];
    expect(first?.retrievedTools?.searched).toBe(5_000);
    expect(first?.retrievedTools?.tools).toHaveLength(5);
    expect(first?.retrievedTools?.tools[0]).toMatchObject({ name: 'count_news_p3', pinned: true });
    expect(first?.retrievedTools?.tools.slice(1).every((tool) => tool.name.includes('weather'))).toBe(true);
    expect(first?.context).toContain('count_news_p3');

    await controller.send('And tomorrow?');
    // The second run's history repeats the first message with exactly the context it was sent with.
    expect(seen[1]?.[0]).toEqual({ role: 'user', content: 'What is the weather forecast for Oslo?', context: first?.context });
    const prompt = engine.requests[1]?.messages[1]?.content ?? '';
    expect(prompt).toBe(engine.requests[0]?.messages[1]?.content);

    await sink.idle();
    const restored = restoreTurns(await store.load(id));
    expect(restored).toEqual(structuredClone(unwrap(controller.turns)));

    const host = document.createElement('div');
    document.body.append(host);
    const turn = restored[0];
    if (!turn) throw new Error('no turn restored');
    cleanups.push(render(() => <TurnView turn={turn} idle isLast={false} onEdit={() => undefined} onRegenerate={() => undefined} />, host));
    cleanups.push(() => host.remove());
    const summary = host.querySelector('.retrieved-tools summary');
    expect(summary?.textContent).toMatch(/Tools offered: 5 of 5,000/);
    const list = host.querySelector('ol[aria-label="Tools offered for this message, best first"]');
    expect(list?.querySelectorAll('li')).toHaveLength(5);
    expect(list?.textContent).toMatch(/score 0\.\d{4}/);
    expect(list?.textContent).toContain('pinned');
  });
});
