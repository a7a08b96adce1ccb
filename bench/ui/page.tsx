/**
 * The UI bench page: the real chat controller, agent loop, turn persister (real IndexedDB) and
 * Solid transcript, driven by a scripted Hermes-format engine. `window.uiBench.run(n)` sends one
 * message, streams an n-token answer and resolves with the wall time once the turn is saved.
 */
import { render } from 'solid-js/web';
import { runAgent } from '../../src/core/agent/run-agent';
import type { ToolRunner } from '../../src/core/tool-runner';
import { ConversationStore, openTabagentDb } from '../../src/store';
import { createChatController } from '../../src/ui/chat/chat-controller';
import { createTurnPersister } from '../../src/app/chat/turn-persister';
import { ChatView } from '../../src/ui/components/chat-view';
import { answerTokens, streamingEngine } from './scripted-stream';
import '../../src/ui/styles.css';

const noTools: ToolRunner = {
  definitions: () => [],
  requiresApproval: () => false,
  validate: () => ({ ok: false, message: 'No tools.' }),
  execute: () => Promise.resolve({ content: '{"error":"No tools."}', isError: true, durationMs: 0 }),
};

let tokens: readonly string[] = [];
const store = openTabagentDb({ name: 'tabagent-ui-bench' }).then((db) => new ConversationStore(db));
let persistence: ReturnType<typeof createTurnPersister> | undefined;
const errors: string[] = [];

const controller = createChatController({
  runAgent,
  prepareRun: () => ({ engine: streamingEngine(() => tokens), tools: noTools }),
  persistence: () => persistence,
});
const root = document.getElementById('root');
if (root) render(() => <ChatView controller={controller} />, root);

export interface UiBenchRun {
  tokens: number;
  ms: number;
  /** Characters of the answer on screen at the end (a check that the whole answer was shown). */
  shownChars: number;
  errors: string[];
}

async function run(count: number): Promise<UiBenchRun> {
  await controller.clear();
  tokens = answerTokens(count);
  const opened = await store;
  const conversation = await opened.create();
  persistence = createTurnPersister({
    store: Promise.resolve(opened),
    conversationId: Promise.resolve(conversation.id),
    onError: (error) => errors.push(error.message),
  });
  const started = performance.now();
  await controller.send('Tell me everything.');
  await persistence.idle();
  // One frame, so the last state is laid out and painted.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const ms = performance.now() - started;
  const shownChars = document.querySelector('.assistant-message .markdown')?.textContent?.length ?? 0;
  return { tokens: count, ms, shownChars, errors: errors.splice(0) };
}

declare global {
  interface Window {
    uiBench?: { run: typeof run };
  }
}
window.uiBench = { run };
