import { createUniqueId, onCleanup } from 'solid-js';
import type { AgentEvent } from '../../core/agent/events';
import type { RunAgentOptions } from '../../core/agent/options';
import { createChatController, type ChatRunSetup } from '../chat/chat-controller';
import { ChatView } from '../components/chat-view';
import { Composer } from '../components/composer';

export interface AgentChatPanelProps {
  /** The region's name ("Preview", "Agent builder"). */
  label: string;
  hint: string;
  restartLabel: string;
  runAgent: (options: RunAgentOptions) => AsyncIterable<AgentEvent>;
  /** The run's setup, built when each turn starts (so it runs the draft as it is then). */
  prepareRun: () => ChatRunSetup | Promise<ChatRunSetup>;
  /** Opens what configures a model when none is (the chat page, where Settings is). */
  onOpenSettings: () => void;
}

/**
 * A chat beside the agent editor that is never saved: the live preview of the draft, or the agent
 * builder. "Restart" stops any run and empties it.
 */
export function AgentChatPanel(props: AgentChatPanelProps) {
  const hintId = createUniqueId();
  const controller = createChatController({ runAgent: (options) => props.runAgent(options), prepareRun: () => props.prepareRun() });
  onCleanup(() => void controller.clear());
  return (
    <section class="agent-chat-panel" aria-label={props.label} aria-describedby={hintId}>
      <div class="agent-chat-head">
        <h3>{props.label}</h3>
        <button type="button" onClick={() => void controller.clear()}>
          {props.restartLabel}
        </button>
      </div>
      <p id={hintId} class="muted">
        {props.hint}
      </p>
      <div class="agent-chat-log">
        <ChatView controller={controller} />
      </div>
      <Composer
        running={controller.running()}
        // A run without a model fails with an error that says how to connect one.
        configured
        onSend={(text, images) => void controller.send(text, images)}
        acceptsImages={() => controller.acceptsImages()}
        onStop={() => controller.stop()}
        onOpenSettings={() => props.onOpenSettings()}
      />
    </section>
  );
}
