import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, isSecretField, keepSecrets, parseBackup, withoutSecrets } from '../../../src/store/backup';
import { defaultSettings } from '../../../src/store';
import { backupProblemsV1, MAX_BACKUP_PROBLEMS } from '../../../src/store/backup-validate';
import { TabagentError } from '../../../src/core/errors';

const empty = {
  conversations: [],
  messages: [],
  memories: [],
  knowledgeBases: [],
  knowledgeDocuments: [],
  knowledgeChunks: [],
  vectors: [],
  tools: [],
  evalRuns: [],
  evalExamples: [],
  mcpServers: [],
};

describe('secrets in backups', () => {
  it('recognises credential fields but not counts of tokens', () => {
    for (const name of ['apiKey', 'api_key', 'secret', 'clientSecret', 'password', 'accessToken', 'token', 'Authorization']) expect(isSecretField(name), name).toBe(true);
    for (const name of ['maxTokens', 'toolsPerTurn', 'keyboard', 'secretLabel', 'model']) expect(isSecretField(name), name).toBe(false);
  });

  it('empties every secret, however deep, and puts this browser’s back on import', () => {
    const settings = defaultSettings();
    settings.engine.apiKey = 'sk-1';
    settings.modelApi.apiKey = 'sk-2';
    const cleaned = withoutSecrets({ ...settings, extra: { nested: [{ accessToken: 'tok' }] } });
    expect(JSON.stringify(cleaned)).not.toMatch(/sk-1|sk-2|tok"/);
    expect(cleaned.engine.apiKey).toBe('');
    expect(settings.engine.apiKey).toBe('sk-1');
    const restored = keepSecrets(cleaned, { engine: { apiKey: 'here-1' }, modelApi: { apiKey: 'here-2' } });
    expect(restored.engine.apiKey).toBe('here-1');
    expect(restored.modelApi.apiKey).toBe('here-2');
    expect(restored.systemPrompt).toBe(settings.systemPrompt);
  });
});

describe('vectors as base64', () => {
  it('round-trips Float32 bytes exactly, including -0, NaN and large arrays', () => {
    // 80 KB: more than one 32 KB slice of the encoder.
    const vector = new Float32Array(20_000).map((_, index) => Math.sin(index) * 1e3);
    vector[0] = -0;
    vector[1] = Number.NaN;
    const bytes = new Uint8Array(vector.buffer);
    expect(Buffer.from(base64ToBytes(bytesToBase64(bytes))).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('parseBackup', () => {
  it('reads a backup from before agents existed as having none, and checks the agents of a newer one', () => {
    const old = JSON.stringify({ format: 'tabagent-backup', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', data: empty });
    expect(parseBackup(old).data.agents).toEqual([]);
    const agent = { id: 'a1', version: 1, name: 'Helper', instructions: 'Be brief.', engine: { kind: 'default' }, tools: [{ kind: 'tool', name: 'calculator' }], createdAt: 1, updatedAt: 2 };
    const withAgent = JSON.stringify({ format: 'tabagent-backup', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', data: { ...empty, agents: [agent] } });
    expect(parseBackup(withAgent).data.agents).toEqual([agent]);
    const broken = JSON.stringify({ format: 'tabagent-backup', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', data: { ...empty, agents: [{ ...agent, engine: 'x' }] } });
    expect(() => parseBackup(broken)).toThrow(/agents\[0\]|agents\/0/);
  });

  it("keeps an agent's own memory (agentId) and refuses an agentId that is not a string", () => {
    const memory = { id: 'm1', text: 'The vault code is 7341.', textHash: 'h', tags: [], origin: 'agent', agentId: 'a1', createdAt: 1, updatedAt: 1 };
    const text = (agentId: unknown): string =>
      JSON.stringify({ format: 'tabagent-backup', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', data: { ...empty, memories: [{ ...memory, agentId }] } });
    expect(parseBackup(text('a1')).data.memories[0]?.agentId).toBe('a1');
    expect(() => parseBackup(text(5))).toThrow(/memories\[0\]\.agentId|memories\/0\/agentId/);
  });

  it('accepts an empty version-1 backup and unknown extra fields', () => {
    const text = JSON.stringify({ format: 'tabagent-backup', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', data: { ...empty, later: [] }, note: 'x' });
    expect(parseBackup(text).data.conversations).toEqual([]);
  });

  it('names every wrong field, a few at a time', () => {
    const conversations = Array.from({ length: 8 }, (_, index) => ({ id: `c${index}` }));
    const text = JSON.stringify({ format: 'tabagent-backup', version: 1, exportedAt: 'now', data: { ...empty, conversations } });
    expect(() => parseBackup(text)).toThrow(/data\.conversations\[0\]\.title is missing; .*\(and \d+ more\)\. Nothing was changed\./);
  });

  const file = (data: Record<string, unknown>): Record<string, unknown> => ({ format: 'tabagent-backup', version: 1, exportedAt: 'now', data: { ...empty, ...data } });
  const badMessages = (count: number): Record<string, unknown>[] =>
    Array.from({ length: count }, (_, index) => ({ id: 5, conversationId: 7, seq: -1, role: 'x', content: 1, createdAt: 'a', updatedAt: 'b', pad: `p${index}` }));

  it(`stops after the first ${MAX_BACKUP_PROBLEMS} problems and says there are more`, () => {
    let error: unknown;
    try {
      parseBackup(JSON.stringify(file({ messages: badMessages(5_000) })));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TabagentError);
    const data = (error as TabagentError).data as { problems: string[]; truncated: boolean };
    expect(data.problems).toHaveLength(MAX_BACKUP_PROBLEMS);
    expect(data.truncated).toBe(true);
    expect((error as Error).message).toMatch(/^This backup cannot be imported: data\.messages\[0\]\.id must be string; .*\(and at least 16 more\)\. Nothing was changed\.$/);
  });

  it('never looks at a record after the limit is reached (bounded work for any size of bad file)', () => {
    const touched = { count: 0 };
    // Records past the first bad ones count every property read by the validator.
    const watched = (index: number): Record<string, unknown> =>
      new Proxy({ ...badMessages(1)[0], pad: index }, { get: (target, key) => ((touched.count += 1), Reflect.get(target, key)), has: (target, key) => ((touched.count += 1), Reflect.has(target, key)) });
    const messages = [...badMessages(MAX_BACKUP_PROBLEMS + 1), ...Array.from({ length: 1_000 }, (_, index) => watched(index))];
    const result = backupProblemsV1(file({ messages }));
    expect(result.problems).toHaveLength(MAX_BACKUP_PROBLEMS);
    expect(touched.count).toBe(0);
  });

  it.each([
    ['tools', { tools: [0, 1].map(() => ({ name: 'search', manifest: { name: 'search' }, source: { kind: 'builtin' }, enabled: true, createdAt: 1, updatedAt: 1 })) }, /data\.tools\[1\]\.name "search" appears twice/],
    ['vectors', { vectors: [0, 1].map(() => ({ modelId: 'm', textHash: 'h', dims: 1, vector: 'AAAAAA==', createdAt: 1 })) }, /data\.vectors\[1\] key \(modelId, textHash\) \["m","h"\] appears twice/],
    [
      'evalExamples',
      {
        evalRuns: [{ id: 'r', dataset: 'd', model: 'm', startedAt: 1, status: 'done', total: 1, completed: 1 }],
        evalExamples: [0, 1].map(() => ({ runId: 'r', index: 0, result: {} })),
      },
      /data\.evalExamples\[1\] key \(runId, index\) \["r",0\] appears twice/,
    ],
    ['mcpServers', { mcpServers: [0, 1].map(() => ({ id: 's', url: 'https://a.example', name: 'a', enabled: false, headerSecrets: {}, createdAt: 1, updatedAt: 1 })) }, /data\.mcpServers\[1\]\.id "s" appears twice/],
  ])('refuses duplicate %s keys as an invalid file naming the duplicate', (_store, data, message) => {
    const text = JSON.stringify(file(data));
    expect(() => parseBackup(text)).toThrow(message);
    expect(() => parseBackup(text)).toThrow(expect.objectContaining({ code: 'invalid-file' }) as Error);
  });
});
