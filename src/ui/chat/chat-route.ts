import { onCleanup } from 'solid-js';

/**
 * The route that starts a conversation with a given agent: `#/chat?agent=<id>`. The Agents page's
 * "Chat with <name>" links here; the chat starts a new conversation with that agent and then drops
 * the parameter from the address, so a reload does not start another one.
 */
export function chatWithAgentHash(agentId: string): string {
  return `#/chat?${new URLSearchParams({ agent: agentId }).toString()}`;
}

/** The agent id a `#/chat?agent=<id>` hash names; undefined for any other hash. */
export function agentIdFromHash(hash: string): string | undefined {
  const match = /^#\/?chat\?(.*)$/.exec(hash);
  if (!match) return undefined;
  const id = new URLSearchParams(match[1]).get('agent');
  return id === null || id === '' ? undefined : id;
}

/**
 * Calls `start` with the agent id whenever the address is (or becomes) `#/chat?agent=<id>`, after
 * taking the parameter out of the address (replacing the entry, so Back leads where the person came from).
 * Call inside a component: the listener goes with it.
 */
export function watchChatWithAgent(start: (agentId: string) => void): void {
  const check = (): void => {
    const agentId = agentIdFromHash(location.hash);
    if (agentId === undefined) return;
    history.replaceState(history.state, '', '#/chat');
    start(agentId);
  };
  window.addEventListener('hashchange', check);
  onCleanup(() => window.removeEventListener('hashchange', check));
  check();
}
