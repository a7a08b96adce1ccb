import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, isSecretField, keepSecrets, parseBackup, withoutSecrets } from '../../../src/store/backup';
import { defaultSettings } from '../../../src/store';

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
  it('accepts an empty version-1 backup and unknown extra fields', () => {
    const text = JSON.stringify({ format: 'tabagent-backup', version: 1, exportedAt: '2026-01-01T00:00:00.000Z', data: { ...empty, later: [] }, note: 'x' });
    expect(parseBackup(text).data.conversations).toEqual([]);
  });

  it('names every wrong field, a few at a time', () => {
    const conversations = Array.from({ length: 8 }, (_, index) => ({ id: `c${index}` }));
    const text = JSON.stringify({ format: 'tabagent-backup', version: 1, exportedAt: 'now', data: { ...empty, conversations } });
    expect(() => parseBackup(text)).toThrow(/data\.conversations\[0\]\.title is missing; .*\(and \d+ more\)\. Nothing was changed\./);
  });
});
