import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAITestServer, type OpenAITestServer, type Reply } from '../../support/openai-test-server';

const root = resolve(import.meta.dirname, '../../..');
const work = mkdtempSync(join(tmpdir(), 'export-teacher-'));
const TIMEOUT = 120_000;

function run(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/export-training.ts', ...args], {
      cwd: root,
      env: { ...process.env, TABAGENT_TEACHER_API_KEY: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', fail);
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/**
 * What the teacher writes per tool and language. calculator/en: two good items, one whose
 * arguments fail the schema (a number where a string is required), one without arguments, and a
 * repeat of the first (different case and spacing: a duplicate after normalisation).
 * unit_convert/en: a fenced answer with prose around it. zh: one good item each.
 */
function teacherAnswer(prompt: string): string {
  const chinese = prompt.includes('Simplified Chinese');
  if (prompt.includes('"name":"calculator"')) {
    if (chinese) return '[{"request": "十二乘以十二是多少？", "arguments": {"expression": "12 * 12"}}]';
    return JSON.stringify([
      { request: 'What is 17 times 23?', arguments: { expression: '17 * 23' } },
      { request: 'Work out the square root of 1764', arguments: { expression: 'sqrt(1764)' } },
      { request: 'Add five and six', arguments: { expression: 11 } },
      { request: 'Just a request with nothing else' },
      { request: '  what is 17 TIMES 23 ', arguments: { expression: '17 * 23' } },
    ]);
  }
  if (prompt.includes('"name":"unit_convert"')) {
    if (chinese) return '[{"request": "把 3 英里换算成公里", "arguments": {"value": 3, "from": "mi", "to": "km"}}]';
    return 'Here you go:\n```json\n[{"request": "How many feet are in 10 metres?", "arguments": {"value": 10, "from": "m", "to": "ft"}}]\n```\nEnjoy!';
  }
  return '[]';
}

describe('export-training with a teacher model', () => {
  let server: OpenAITestServer;

  beforeAll(async () => {
    server = await startOpenAITestServer({
      apiKey: 'sk-teacher',
      respond(request): Reply {
        const prompt = request.body.messages.at(-1)?.content ?? '';
        return { kind: 'text', text: teacherAnswer(prompt) };
      },
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('asks the teacher per tool and language, validates and deduplicates its requests', { timeout: TIMEOUT }, async () => {
    const out = join(work, 'teacher');
    const result = await run([
      '--manifests',
      'public/tool-manifests/calculator.json,public/tool-manifests/unit_convert.json',
      '--count',
      '0',
      '--test-ratio',
      '0',
      '--teacher-base-url',
      server.url,
      '--teacher-model',
      'teacher-model',
      '--teacher-api-key',
      'sk-teacher',
      '--teacher-per-tool',
      '4',
      '--out',
      out,
    ]);
    expect(result.stderr).toContain('asking the teacher for 4 requests per tool and language');
    expect(result.status).toBe(0);
    // Two tools × two languages, one request each, with the key and without tools.
    expect(server.requests).toHaveLength(4);
    for (const request of server.requests) {
      expect(request.headers.authorization).toBe('Bearer sk-teacher');
      expect(request.body.model).toBe('teacher-model');
      expect(request.body.tools).toBeUndefined();
      expect(request.body.messages.at(-1)?.content).toContain('Write 4 different requests');
    }
    const summary = JSON.parse(result.stdout) as {
      splits: { train: { total: number; bySource: Record<string, number>; byLanguage: Record<string, number> } };
      invalidDropped: { teacher: number };
      duplicatesRemoved: { teacher: number };
    };
    expect(summary.splits.train.bySource).toEqual({ template: 0, teacher: 5, conversation: 0 });
    expect(summary.splits.train.byLanguage).toEqual({ en: 3, zh: 2 });
    expect(summary.invalidDropped.teacher).toBe(2);
    expect(summary.duplicatesRemoved.teacher).toBe(1);

    const lines = readFileSync(join(out, 'train.jsonl'), 'utf8').trimEnd().split('\n').map((line) => JSON.parse(line) as {
      messages: Array<{ role: string; content?: string; tool_calls?: Array<{ function: { name: string; arguments: string } }> }>;
    });
    expect(lines).toHaveLength(5);
    const asked = lines.map((line) => line.messages.find((message) => message.role === 'user')?.content);
    expect(asked).toEqual([
      'What is 17 times 23?',
      'Work out the square root of 1764',
      '十二乘以十二是多少？',
      'How many feet are in 10 metres?',
      '把 3 英里换算成公里',
    ]);
    const calls = lines.map((line) => line.messages.find((message) => message.tool_calls)?.tool_calls?.[0]?.function);
    expect(calls[3]).toEqual({ name: 'unit_convert', arguments: '{"value":10,"from":"m","to":"ft"}' });
  });

  it('exits 2 with usage when the teacher flags are incomplete or wrong', { timeout: TIMEOUT }, async () => {
    const cases = [
      ['--teacher-base-url', server.url],
      ['--teacher-model', 'm'],
      ['--teacher-base-url', server.url, '--teacher-model', 'm', '--teacher-per-tool', '0'],
      ['--teacher-base-url', server.url, '--teacher-model', 'm', '--teacher-temperature', 'hot'],
      ['--teacher-base-url', 'not a url', '--teacher-model', 'm'],
    ];
    const results = await Promise.all(cases.map((args) => run([...args, '--count', '1', '--out', join(work, 'never')])));
    results.forEach((result, index) => {
      expect(result.status, JSON.stringify(cases[index])).toBe(2);
      expect(result.stderr).toContain('--teacher-');
      expect(result.stderr).toContain('Usage: npm run export-training');
    });
  });

  it('exits 1 with the server error when the teacher refuses the key', { timeout: TIMEOUT }, async () => {
    const result = await run([
      '--manifests',
      'public/tool-manifests/calculator.json',
      '--count',
      '1',
      '--teacher-base-url',
      server.url,
      '--teacher-model',
      'teacher-model',
      '--out',
      join(work, 'refused'),
    ], { TABAGENT_TEACHER_API_KEY: 'sk-wrong' });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/export-training: .*(401|key|auth)/i);
    expect(result.stderr).not.toContain('sk-wrong');
  });
});
