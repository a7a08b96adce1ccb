import { createSignal, onCleanup } from 'solid-js';
import { withPin } from '../../app/agents/agent-pins';
import type { AgentService } from '../../app/agents/agent-service';
import { announceAgentsChanged, onAgentsChanged } from '../agents/agents-changed';

/** The Tools page's pin switches, over the default agent's record. */
export interface DefaultAgentPins {
  isPinned(name: string): boolean;
  /** Pins or unpins for the default agent and saves it; a failure goes to `onError`. */
  pin(name: string, pinned: boolean): void;
}

/**
 * Pins as the Tools page shows them: the default agent's own `pinnedTools` (the one copy runs read;
 * Settings no longer keep one). Read on start and whenever agents change elsewhere (its editor).
 * Undefined without an agent service (nothing to pin for).
 */
export function createDefaultAgentPins(agents: AgentService | undefined, onError: (error: unknown) => void): DefaultAgentPins | undefined {
  if (!agents) return undefined;
  const [pinned, setPinned] = createSignal<readonly string[]>([]);
  const defaultAgent = async () => agents.get(await agents.defaultAgentId());
  const read = (): void => {
    defaultAgent()
      .then((agent) => setPinned(agent?.pinnedTools ?? []))
      .catch(onError);
  };
  read();
  onCleanup(onAgentsChanged(read));
  return {
    isPinned: (name) => pinned().includes(name),
    pin(name, on) {
      // Read again first: the editor may have changed the agent since this page read it.
      void defaultAgent()
        .then(async (agent) => {
          if (!agent) return;
          const saved = await agents.save({ ...agent, pinnedTools: withPin(agent.pinnedTools, name, on) });
          setPinned(saved.pinnedTools);
          announceAgentsChanged();
        })
        .catch((caught: unknown) => {
          onError(caught);
          read();
        });
    },
  };
}
