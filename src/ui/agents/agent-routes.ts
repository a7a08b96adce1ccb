/** Where the Agents page is: the list (`#/agents`), a new agent (`#/agents/new`) or one agent's editor (`#/agents/<id>`). */
export type AgentsView = { kind: 'list' } | { kind: 'new' } | { kind: 'edit'; id: string };

/** The Agents page's list. */
export const AGENTS_HASH = '#/agents';

/** The view a hash names; anything that is not `#/agents/…` is the list. */
export function agentsViewFromHash(hash: string): AgentsView {
  const match = /^#\/?agents\/([^?]+)/.exec(hash);
  const segment = match?.[1];
  // A share link (`#/agents/import?a=…`) previews its agent in a dialog over the list.
  if (!segment || segment === 'import') return { kind: 'list' };
  if (segment === 'new') return { kind: 'new' };
  return { kind: 'edit', id: decodeURIComponent(segment) };
}

/** The editor of agent `id`, or of a new agent when `id` is absent. */
export function agentEditorHash(id?: string): string {
  return id === undefined ? `${AGENTS_HASH}/new` : `${AGENTS_HASH}/${encodeURIComponent(id)}`;
}
