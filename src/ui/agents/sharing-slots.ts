import type { Component } from 'solid-js';
import type { AgentDefinition } from '../../core/agent-definition';

/**
 * Where the agent-sharing components (src/ui/agents/sharing, built separately) mount on the
 * Agents page: "Export <name>" on each card and the "Import agent" file input beside "New agent".
 * Until they are set, the page shows neither (no dead buttons). Set them here, in one place.
 */
export interface AgentSharingSlots {
  /** Rendered in each agent's card, after its other buttons. */
  exportButton?: Component<{ agent: AgentDefinition }>;
  /** Rendered beside "New agent"; `onImported` makes the page list the agents again. */
  importInput?: Component<{ onImported: () => void }>;
}

/** The slots the Agents page renders (empty until the sharing components are mounted here). */
export const agentSharingSlots: AgentSharingSlots = {};
