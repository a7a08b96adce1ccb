import { describe, expect, it } from 'vitest';
import type { ToolCall } from '../../../src/core/types';
import {
  buildDataset,
  dedupKey,
  dedupeDialogues,
  generateDialogues,
  splitDialogues,
  splitOf,
  type Dialogue,
} from '../../../src/data';
import { builtinManifests } from '../../../src/tools/builtins';
import type { ToolManifest } from '../../../src/tools/manifest';
import { ArgumentValidator } from '../../../src/tools/validator';

function callsOf(dialogue: Dialogue): ToolCall[] {
  return dialogue.messages.flatMap((message) => (message.role === 'assistant' ? (message.toolCalls ?? []) : []));
}

describe('generateDialogues', () => {
  it('is deterministic per seed and differs across seeds', () => {
    const a = generateDialogues(builtinManifests, { count: 60, seed: 7 });
    const b = generateDialogues(builtinManifests, { count: 60, seed: 7 });
    const c = generateDialogues(builtinManifests, { count: 60, seed: 8 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.dialogues)).not.toBe(JSON.stringify(c.dialogues));
  });

  it('produces English and Chinese, single- and multi-step dialogues', () => {
    const { dialogues } = generateDialogues(builtinManifests, { count: 80, seed: 1 });
    expect(dialogues).toHaveLength(80);
    expect(dialogues.filter((d) => d.language === 'en').length).toBe(40);
    expect(dialogues.filter((d) => d.language === 'zh').length).toBe(40);
    const zhUser = dialogues.filter((d) => d.language === 'zh').map((d) => d.messages[1]?.content ?? '');
    expect(zhUser.every((text) => /[\u4e00-\u9fff]/.test(text))).toBe(true);
    const multi = dialogues.filter((d) => d.kind === 'multi');
    expect(multi.length).toBeGreaterThan(0);
    expect(multi.every((d) => callsOf(d).length >= 2)).toBe(true);
    expect(dialogues.filter((d) => d.kind === 'single').every((d) => callsOf(d).length === 1)).toBe(true);
  });

  it('builds the transcript user → call → result placeholder → answer', () => {
    const { dialogues } = generateDialogues(builtinManifests, { count: 20, seed: 2, multiStepRatio: 0 });
    for (const dialogue of dialogues) {
      expect(dialogue.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant']);
      const tool = dialogue.messages[3];
      expect(tool?.role === 'tool' && tool.toolCallId).toBe(callsOf(dialogue)[0]?.id);
    }
  });

  it('only emits calls that validate against their tool schema', () => {
    const { dialogues } = generateDialogues(builtinManifests, { count: 150, seed: 3 });
    const validator = new ArgumentValidator();
    const byName = new Map(builtinManifests.map((manifest) => [manifest.name, manifest]));
    for (const call of dialogues.flatMap(callsOf)) {
      const manifest = byName.get(call.name);
      expect(manifest).toBeDefined();
      expect(validator.validate(call.name, manifest?.parameters ?? {}, call.arguments)).toEqual({ ok: true });
    }
  });

  it('derives valid values from schemas without examples (enums, ranges, booleans, arrays, nested objects)', () => {
    const rich: ToolManifest = {
      name: 'search_flights',
      description: 'Searches flights.',
      kind: 'builtin',
      sideEffects: false,
      allowedOrigins: [],
      parameters: {
        type: 'object',
        properties: {
          cabin: { type: 'string', enum: ['economy', 'business'] },
          passengers: { type: 'integer', minimum: 1, maximum: 9 },
          flexible: { type: 'boolean' },
          date: { type: 'string', format: 'date' },
          airlines: { type: 'array', items: { type: 'string', description: 'IATA code like "LH" or "CA"' } },
          route: {
            type: 'object',
            properties: { from: { type: 'string', minLength: 3 }, to: { type: 'string', minLength: 3 } },
            required: ['from', 'to'],
          },
        },
        required: ['cabin', 'passengers', 'route', 'date'],
        additionalProperties: false,
      },
    };
    const { dialogues, stats } = generateDialogues([rich], { count: 30, seed: 6 });
    expect(dialogues.length).toBe(30);
    expect(stats.invalidDropped).toBe(0);
    const args = dialogues.flatMap(callsOf).map((call) => call.arguments);
    const validator = new ArgumentValidator();
    for (const entry of args) expect(validator.validate(rich.name, rich.parameters, entry).ok).toBe(true);
    expect(new Set(args.map((entry) => entry.cabin))).toEqual(new Set(['economy', 'business']));
    expect(args.some((entry) => Array.isArray(entry.airlines))).toBe(true);
  });

  it('drops and counts calls its guesses cannot make valid', () => {
    const strict: ToolManifest = {
      name: 'zip_lookup',
      description: 'Looks up a postal code.',
      kind: 'builtin',
      sideEffects: false,
      allowedOrigins: [],
      parameters: {
        type: 'object',
        properties: { zip: { type: 'string', pattern: '^[0-9]{5}$' } },
        required: ['zip'],
        additionalProperties: false,
      },
    };
    const result = generateDialogues([strict], { count: 5, seed: 1 });
    expect(result.dialogues).toHaveLength(0);
    expect(result.stats.invalidDropped).toBeGreaterThan(0);
  });

  it('never repeats a dialogue and counts the duplicates it skipped', () => {
    const result = generateDialogues(builtinManifests, { count: 120, seed: 4 });
    const keys = result.dialogues.map((d) => dedupKey(d.messages));
    expect(new Set(keys).size).toBe(keys.length);
    expect(result.stats.duplicatesRemoved).toBeGreaterThan(0);
  });
});

describe('dedup and split', () => {
  const { dialogues } = generateDialogues(builtinManifests, { count: 100, seed: 5 });

  it('treats case, spacing, final punctuation and argument key order as the same dialogue', () => {
    const original = dialogues.find((d) => d.kind === 'single' && Object.keys(callsOf(d)[0]?.arguments ?? {}).length > 1);
    expect(original).toBeDefined();
    const copy = structuredClone(original as Dialogue);
    const user = copy.messages[1];
    if (user?.role === 'user') user.content = `  ${user.content.toUpperCase().replace(/ /g, '   ')}!!`;
    const call = callsOf(copy)[0] as ToolCall;
    call.arguments = Object.fromEntries(Object.entries(call.arguments).reverse());
    const result = dedupeDialogues([original as Dialogue, copy]);
    expect(result.removed).toBe(1);
    expect(result.dialogues).toEqual([original]);
  });

  it('keeps dialogues with different calls apart', () => {
    expect(dedupeDialogues(dialogues).removed).toBe(0);
  });

  it('puts a dialogue in the same split whatever else is in the set', () => {
    const all = splitDialogues(dialogues, 0.3);
    const half = splitDialogues(dialogues.slice(0, 50).reverse(), 0.3);
    for (const dialogue of dialogues.slice(0, 50)) {
      const inAll = all.test.includes(dialogue) ? 'test' : 'train';
      const inHalf = half.test.includes(dialogue) ? 'test' : 'train';
      expect(inHalf).toBe(inAll);
      expect(splitOf(structuredClone(dialogue), 0.3)).toBe(inAll);
    }
    expect(all.test.length).toBeGreaterThan(10);
    expect(all.test.length).toBeLessThan(50);
  });

  it('honours the ratio extremes and rejects a bad ratio', () => {
    expect(splitDialogues(dialogues, 0).test).toHaveLength(0);
    expect(splitDialogues(dialogues, 1).train).toHaveLength(0);
    expect(() => splitOf(dialogues[0] as Dialogue, 1.5)).toThrow(RangeError);
  });

  it('builds byte-identical datasets for the same seed', async () => {
    const first = await buildDataset({ manifests: builtinManifests, count: 40, seed: 9 });
    const second = await buildDataset({ manifests: builtinManifests, count: 40, seed: 9 });
    expect(second.train).toBe(first.train);
    expect(second.test).toBe(first.test);
    expect(first.summary.splits.train.total + first.summary.splits.test.total).toBe(40);
  });
});
