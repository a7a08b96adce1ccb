/** `npm run retrieval-eval` end to end as a child process, on the shipped sample and on hand-made files. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chanceRecallAt } from '../../../src/eval/retrieval-metrics';
import { makeTinyBert } from '../../fixtures/make-tiny-bert';

const root = resolve(import.meta.dirname, '../../..');
const sampleTools = 'tests/fixtures/retrieval/tools.json';
const sampleQueries = 'tests/fixtures/retrieval/queries.jsonl';
const METRICS = ['recall@1', 'recall@3', 'recall@5', 'mrr', 'ndcg@10'] as const;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI the way `npm run retrieval-eval` does. */
function runCli(args: string[]): Promise<Run> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/retrieval-eval.ts', ...args], { cwd: root });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString('utf8')));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

type Report = Record<string, unknown>;

function report(run: Run): Report {
  expect(run.stderr).not.toContain('Error');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

const sampleToolCount = (JSON.parse(readFileSync(join(root, sampleTools), 'utf8')) as unknown[]).length;
const sampleQueryCount = readFileSync(join(root, sampleQueries), 'utf8').split('\n').filter((line) => line.trim() !== '').length;

/** The shape every report has, with each metric a number in [0, 1] and recall growing with n. */
function expectValidReport(result: Report, mode: string): void {
  expect(Object.keys(result)).toEqual(['mode', 'k', 'queries', 'tools', ...METRICS]);
  expect(result).toMatchObject({ mode, k: 5, queries: sampleQueryCount, tools: sampleToolCount });
  for (const metric of METRICS) {
    expect(typeof result[metric]).toBe('number');
    expect(result[metric]).toBeGreaterThanOrEqual(0);
    expect(result[metric]).toBeLessThanOrEqual(1);
  }
  expect(result['recall@1']).toBeLessThanOrEqual(result['recall@3'] as number);
  expect(result['recall@3']).toBeLessThanOrEqual(result['recall@5'] as number);
}

describe('npm run retrieval-eval', () => {
  const tinyBert = 'tests/fixtures/generated/models/tiny-bert';
  let dir: string;

  beforeAll(() => {
    makeTinyBert();
    dir = mkdtempSync(join(tmpdir(), 'tabagent-retrieval-eval-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  }

  it('scores BM25 on the shipped sample well above chance', { timeout: 60_000 }, async () => {
    const result = report(await runCli(['--tools', sampleTools, '--queries', sampleQueries, '--mode', 'bm25']));
    expectValidReport(result, 'bm25');
    expect(sampleToolCount).toBeGreaterThanOrEqual(30);
    expect(sampleQueryCount).toBeGreaterThanOrEqual(40);
    // A random ranking finds each gold tool in the top 5 with probability 5 / tools.
    expect(result['recall@5']).toBeGreaterThan(4 * chanceRecallAt(5, sampleToolCount));
    expect(result.mrr).toBeGreaterThan(4 * chanceRecallAt(1, sampleToolCount));
  });

  it('gives the hand-computed figures on a tiny BM25 set, with recall@k for another k', { timeout: 60_000 }, async () => {
    const tools = write('tools.json', JSON.stringify([
      { name: 'alpha_tool', description: 'zebra giraffe' },
      { type: 'function', function: { name: 'beta_tool', description: 'banana mango' } },
      { name: 'gamma_tool', description: 'piano violin' },
    ]));
    const queries = write('queries.jsonl', [
      '{"query": "zebra", "tools": ["alpha_tool"]}', // rank 1
      '{"query": "violin", "tools": ["gamma_tool"]}', // rank 1
      '{"query": "spaceship", "tools": ["beta_tool"]}', // shares no word: never ranked
      '{"query": "mango piano", "tools": ["beta_tool", "gamma_tool"]}', // both gold at ranks 1 and 2
    ].join('\n'));
    const result = report(await runCli(['--tools', tools, '--queries', queries, '--k', '2']));
    // recall@1 = (1 + 1 + 0 + ½) / 4; recall@2,3,5 = (1 + 1 + 0 + 1) / 4; MRR and nDCG@10 likewise ¾.
    expect(result).toEqual({ mode: 'bm25', k: 2, queries: 4, tools: 3, 'recall@1': 0.625, 'recall@2': 0.75, 'recall@3': 0.75, 'recall@5': 0.75, mrr: 0.75, 'ndcg@10': 0.75 });
  });

  it('runs hybrid (RRF of dense + BM25) on the sample with the real embedder on the tiny model', { timeout: 120_000 }, async () => {
    const run = await runCli(['--tools', sampleTools, '--queries', sampleQueries, '--mode', 'hybrid', '--model-path', tinyBert]);
    expect(run.stderr).toContain('mode hybrid');
    expectValidReport(report(run), 'hybrid');
  });

  it('runs dense mode on the tiny random-weight model (figures mean nothing, but are valid)', { timeout: 120_000 }, async () => {
    const run = await runCli(['--tools', sampleTools, '--queries', sampleQueries, '--mode', 'dense', '--model-path', tinyBert, '--dtype', 'fp32']);
    expectValidReport(report(run), 'dense');
  });

  it('exits 2 naming the file for a missing file or model folder', { timeout: 60_000 }, async () => {
    const missing = await runCli(['--tools', 'no/such/tools.json', '--queries', sampleQueries]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--tools no/such/tools.json: no such file');
    expect(missing.stdout).toBe('');
    const noModel = await runCli(['--tools', sampleTools, '--queries', sampleQueries, '--mode', 'dense', '--model-path', dir]);
    expect(noModel.code).toBe(2);
    expect(noModel.stderr).toContain('holds no config.json');
  });

  it('exits 2 naming the file, line and field of a malformed query line', { timeout: 60_000 }, async () => {
    const queries = write('broken.jsonl', '{"query": "zebra", "tools": ["get_weather"]}\n{"query": "oops", "tools": [\n');
    const run = await runCli(['--tools', sampleTools, '--queries', queries]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${queries} line 2: is not valid JSON`);
    const noQuery = write('no-query.jsonl', '\n{"text": "zebra", "tools": ["get_weather"]}\n');
    const second = await runCli(['--tools', sampleTools, '--queries', noQuery]);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`${noQuery} line 2: field "query" must be a non-empty string`);
  });

  it('exits 2 listing every unknown gold tool name', { timeout: 60_000 }, async () => {
    const queries = write('unknown.jsonl', '{"query": "a", "tools": ["get_wether"]}\n{"query": "b", "tools": ["get_weather", "fax_document"]}\n');
    const run = await runCli(['--tools', sampleTools, '--queries', queries]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2 gold tool name(s) are not in the tools file: line 1: "get_wether"; line 2: "fax_document"');
  });
});
