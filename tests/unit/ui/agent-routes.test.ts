import { describe, expect, it } from 'vitest';
import { agentEditorHash, agentsViewFromHash } from '../../../src/ui/agents/agent-routes';

describe('the Agents page routes', () => {
  it('reads the list, a new agent and one agent’s editor', () => {
    expect(agentsViewFromHash('#/agents')).toEqual({ kind: 'list' });
    expect(agentsViewFromHash(agentEditorHash())).toEqual({ kind: 'new' });
    expect(agentsViewFromHash(agentEditorHash('a/b c'))).toEqual({ kind: 'edit', id: 'a/b c' });
  });

  it('shows the list under a share link’s preview (not an editor for an agent named "import")', () => {
    expect(agentsViewFromHash('#/agents/import?a=abc')).toEqual({ kind: 'list' });
  });
});
