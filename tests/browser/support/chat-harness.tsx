import type { AgentEvent } from '../../../src/core/agent/events';
import type { RunAgentOptions } from '../../../src/core/agent/options';
import { createChatController, type ChatController, type ChatControllerOptions } from '../../../src/ui/chat/chat-controller';
import { ChatView } from '../../../src/ui/components/chat-view';
import { Composer } from '../../../src/ui/components/composer';
import { idleEngine, noTools } from './fake-services';
import { mount } from './mount';

export interface HarnessOptions {
  /** The run's setup; it may report a wait for reconnecting MCP servers through its hooks. */
  setup?: ChatControllerOptions['prepareRun'];
  stopGraceMs?: number;
}

/** The conversation and composer around a controller driven by `run`, as the app wires them. */
export function mountChat(
  run: (options: RunAgentOptions) => AsyncIterable<AgentEvent>,
  options: HarnessOptions = {},
): ChatController {
  const controller = createChatController({
    runAgent: run,
    prepareRun: options.setup ?? (() => ({ engine: idleEngine, tools: noTools })),
    ...(options.stopGraceMs === undefined ? {} : { stopGraceMs: options.stopGraceMs }),
  });
  mount(() => (
    <>
      <ChatView controller={controller} />
      <Composer
        running={controller.running()}
        configured
        onSend={(text) => void controller.send(text)}
        onStop={() => controller.stop()}
        onOpenSettings={() => undefined}
      />
    </>
  ));
  return controller;
}
