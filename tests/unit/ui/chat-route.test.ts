import { describe, expect, it } from 'vitest';
import { agentIdFromHash, chatWithAgentHash } from '../../../src/ui/chat/chat-route';
import { pageFromHash } from '../../../src/ui/pages/route';

describe('the route to chat with an agent', () => {
  it('round-trips any agent id, and names the chat page', () => {
    for (const id of ['writer', 'a b/c?d=e&f', '智能体']) {
      const hash = chatWithAgentHash(id);
      expect(agentIdFromHash(hash)).toBe(id);
      expect(pageFromHash(hash, new Set(['chat', 'agents']))).toBe('chat');
    }
  });

  it('names no agent for other hashes', () => {
    for (const hash of ['', '#/chat', '#/agents?agent=x', '#/chat?agent=', '#/chat?other=1']) expect(agentIdFromHash(hash)).toBeUndefined();
  });
});
