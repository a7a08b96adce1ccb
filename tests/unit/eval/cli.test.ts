import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpenAITestServer, type OpenAITestServer, type Reply } from '../../support/openai-test-server';
import type { EvalSummary } from '../../../src/eval/metrics/summary';
import { goldCalls } from '../../../src/eval/types';
import { bfclAnswers, bfclQuestions, loadBfcl, root } from './fixtures';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI the way `npm run eval` does. */
function runCli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/eval.ts', ...args], {
      cwd: root,
      env: { ...process.env, TABAGENT_API_KEY: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString('utf8')));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run eval', () => {
  let server: OpenAITestServer;
  let out: string;

  beforeAll(async () => {
    const { examples } = loadBfcl();
    // The server answers each question with its gold calls, like a perfect model.
    server = await startOpenAITestServer({
      apiKey: 'sk-test-key',
      respond(request): Reply {
        const question = [...request.body.messages].reverse().find((message) => message.role === 'user')?.content ?? '';
        const example = examples.find((candidate) => candidate.messages.some((message) => message.content === question));
        const calls = example ? goldCalls(example.gold) : [];
        return calls.length > 0 ? { kind: 'tool-calls', calls } : { kind: 'text', text: 'None of these tools can do that.' };
      },
    });
    out = mkdtempSync(join(tmpdir(), 'tabagent-eval-'));
  });

  afterAll(async () => {
    await server.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('runs a BFCL file end to end against an OpenAI-compatible server and prints the summary', async () => {
    const args = ['--data', bfclQuestions, '--answers', bfclAnswers, '--base-url', server.url, '--model', 'test-model', '--concurrency', '3', '--out', out];
    const run = await runCli(args, { TABAGENT_API_KEY: 'sk-test-key' });
    expect(run.stderr).toContain('[7/7]');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout) as EvalSummary;
    expect(summary).toMatchObject({ examples: 7, scored: 7, errors: 0 });
    expect(summary.actionEM.value).toBe(1);
    expect(summary.argumentF1.value).toBe(1);
    expect(summary.wellFormedCallRate.value).toBe(1);
    expect(summary.hallucinatedToolRate.value).toBe(0);
    expect(summary.noCallAccuracy.value).toBe(1);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(summary);
    expect(readFileSync(join(out, 'results.jsonl'), 'utf8').trim().split('\n')).toHaveLength(7);
    // Tools went natively, with BFCL's types rewritten as JSON Schema.
    const first = server.requests.find((request) => request.body.tools?.[0]?.function.name === 'calculate_triangle_area');
    expect(first?.body.tools?.[0]?.function.parameters).toMatchObject({ type: 'object' });
    expect(first?.headers.authorization).toBe('Bearer sk-test-key');

    // The same command again resumes: nothing left to ask.
    const asked = server.requests.length;
    const again = await runCli(args, { TABAGENT_API_KEY: 'sk-test-key' });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('7 examples already had results');
    expect(server.requests.length).toBe(asked);
    expect(JSON.parse(again.stdout)).toEqual(summary);

    // Another model into the same folder is refused rather than mixed in.
    const other = await runCli([...args.slice(0, -4), '--model', 'other-model', '--out', out]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain('different model');
  }, 60_000);

  it('exits with code 2 and the usage on bad arguments', async () => {
    const missing = await runCli(['--base-url', 'http://127.0.0.1:1/v1', '--model', 'm']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--data is required');
    expect(missing.stderr).toContain('Usage: npm run eval');
    const noFile = await runCli(['--data', 'nope.jsonl', '--base-url', 'http://127.0.0.1:1/v1', '--model', 'm']);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain('--data nope.jsonl: no such file');
  }, 60_000);
});
