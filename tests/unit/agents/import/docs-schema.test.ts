/** docs/agents.md publishes the agent file's schema: the block there must be the schema the code validates with. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agentFileProblems, agentFileSchema } from '../../../../src/app/agents/import/agent-file-schema';

describe('docs/agents.md', () => {
  it('shows the JSON Schema the importer validates with', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../../../docs/agents.md'), 'utf8');
    const section = doc.slice(doc.indexOf('### JSON Schema (version 1)'));
    const block = /```json\n([\s\S]*?)\n```/.exec(section)?.[1];
    expect(block).toBeDefined();
    expect(JSON.parse(block!)).toEqual(agentFileSchema);
  });

  it('shows an example file that passes the schema', () => {
    const doc = readFileSync(resolve(import.meta.dirname, '../../../../docs/agents.md'), 'utf8');
    const example = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(agentFileProblems(JSON.parse(example!))).toEqual([]);
  });
});
