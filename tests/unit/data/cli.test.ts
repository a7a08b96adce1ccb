import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'export-training-'));

/** Each run starts Node with tsx (a few seconds), so tests get a long timeout and run in parallel where they can. */
const TIMEOUT = 120_000;

function run(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/export-training.ts', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

function lines(file: string): unknown[] {
  const text = readFileSync(file, 'utf8');
  return text === '' ? [] : text.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('export-training CLI', () => {
  it('writes train.jsonl and test.jsonl and prints a summary', { timeout: TIMEOUT }, async () => {
    const out = join(work, 'openai');
    const again = join(work, 'again');
    const args = ['--count', '40', '--seed', '5', '--test-ratio', '0.25', '--multiplier', '3', '--out'];
    const [result, second] = await Promise.all([run([...args, out]), run([...args, again])]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      splits: Record<'train' | 'test', { total: number; byLanguage: { en: number; zh: number } }>;
      invalidDropped: { template: number };
      duplicatesRemoved: { template: number };
      multiplier: number;
    };
    const train = lines(join(out, 'train.jsonl'));
    const test = lines(join(out, 'test.jsonl'));
    expect(train).toHaveLength(summary.splits.train.total);
    expect(test).toHaveLength(summary.splits.test.total);
    expect(train.length + test.length).toBe(40);
    expect(test.length).toBeGreaterThan(0);
    expect(summary.splits.train.byLanguage.en + summary.splits.test.byLanguage.en).toBe(20);
    expect(summary.multiplier).toBe(3);
    expect(typeof summary.invalidDropped.template).toBe('number');
    expect(typeof summary.duplicatesRemoved.template).toBe('number');
    expect(train[0]).toHaveProperty('messages');
    expect(JSON.stringify(train)).toContain('"weight":3');

    // Same arguments, same bytes.
    expect(second.status).toBe(0);
    expect(readFileSync(join(again, 'train.jsonl'), 'utf8')).toBe(readFileSync(join(out, 'train.jsonl'), 'utf8'));
  });

  it('writes the ShareGPT variant from chosen manifest files and conversations', { timeout: TIMEOUT }, async () => {
    const out = join(work, 'sharegpt');
    const conversations = join(work, 'conversations.json');
    writeFileSync(
      conversations,
      JSON.stringify([
        {
          optIn: true,
          messages: [
            { role: 'user', content: 'opted in question' },
            { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'calculator', arguments: { expression: '2+2' } }] },
            { role: 'tool', toolCallId: 'a', name: 'calculator', content: '4' },
            { role: 'assistant', content: 'Four.' },
          ],
        },
        { optIn: false, messages: [{ role: 'user', content: 'secret diary' }, { role: 'assistant', content: 'ok' }] },
      ]),
    );
    const result = await run([
      '--manifests',
      'public/tool-manifests/calculator.json,public/tool-manifests/unit_convert.json',
      '--format',
      'sharegpt',
      '--languages',
      'zh',
      '--count',
      '10',
      '--test-ratio',
      '0',
      '--conversations',
      conversations,
      '--out',
      out,
    ]);
    expect(result.status).toBe(0);
    const train = lines(join(out, 'train.jsonl')) as Array<{ conversations: Array<{ from: string; value: string }>; tools: string }>;
    expect(lines(join(out, 'test.jsonl'))).toHaveLength(0);
    expect(train).toHaveLength(11);
    const names = (JSON.parse(train[0]?.tools ?? '[]') as Array<{ name: string }>).map((tool) => tool.name);
    expect(names).toEqual(['calculator', 'unit_convert']);
    const text = JSON.stringify(train);
    expect(text).toContain('opted in question');
    expect(text).not.toContain('secret diary');
    expect(train.every((record) => record.conversations.some((turn) => turn.from === 'function_call'))).toBe(true);
  });

  it('exits 2 with usage on bad arguments', { timeout: TIMEOUT }, async () => {
    const cases = [
      ['--format', 'xml'],
      ['--count', '-1'],
      ['--languages', 'fr'],
      ['--test-ratio', '2'],
      ['--bogus'],
      ['--manifests', 'no/such/dir'],
    ];
    const results = await Promise.all(cases.map((args) => run([...args, '--out', join(work, 'never')])));
    results.forEach((result, index) => {
      expect(result.status, JSON.stringify(cases[index])).toBe(2);
      expect(result.stderr).toContain('Usage: npm run export-training');
    });
  });
});
