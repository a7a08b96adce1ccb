import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../src/core/errors';
import { parseBackup } from '../../src/store/backup';
import { describeGrowth, GROWTH_LIMIT, measureGrowth } from '../support/growth';

const stores = ['conversations', 'messages', 'memories', 'knowledgeBases', 'knowledgeDocuments', 'knowledgeChunks', 'vectors', 'tools', 'evalRuns', 'evalExamples', 'mcpServers'];
const file = (data: Record<string, unknown>): Record<string, unknown> => ({
  format: 'tabagent-backup',
  version: 1,
  exportedAt: 'now',
  data: { ...Object.fromEntries(stores.map((store) => [store, []])), ...data },
});
const badMessages = (count: number): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, index) => ({ id: 5, conversationId: 7, seq: -1, role: 'x', content: 1, createdAt: 'a', updatedAt: 'b', pad: `p${index}` }));

describe('parseBackup', () => {
  it('grows linearly with the file: time at 4n is at most 6× the time at n', () => {
    const growth = measureGrowth(
      (count) => JSON.stringify(file({ messages: badMessages(count) })),
      (text) => expect(() => parseBackup(text)).toThrow(TabagentError),
      [10_000, 40_000],
    );
    expect(growth.ratio, describeGrowth('parseBackup, malformed messages', growth)).toBeLessThanOrEqual(GROWTH_LIMIT);
  });
});
