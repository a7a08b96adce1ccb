import { describe, expect, it } from 'vitest';
import { parseEvalArgs, UsageError } from '../../../src/cli/eval-args';

const base = ['--data', 'data/bfcl_simple.json', '--base-url', 'http://127.0.0.1:8000/v1', '--model', 'qwen2.5:7b'];

function usageError(argv: string[]): string {
  try {
    parseEvalArgs(argv, {});
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('eval arguments', () => {
  it('fills in defaults, the key from the environment and a deterministic --out', () => {
    expect(parseEvalArgs(base, { TABAGENT_API_KEY: 'sk-env' })).toEqual({
      data: 'data/bfcl_simple.json',
      baseUrl: 'http://127.0.0.1:8000/v1',
      model: 'qwen2.5:7b',
      apiKey: 'sk-env',
      format: 'native',
      concurrency: 4,
      followUp: true,
      out: 'eval-out/bfcl_simple-qwen2.5_7b-native',
    });
  });

  it('reads every option', () => {
    const args = parseEvalArgs(
      [...base, '--api-key', 'sk-flag', '--answers', 'a.json', '--format', 'react', '--limit', '5', '--concurrency', '8', '--max-tokens', '256', '--no-follow-up', '--out', 'o'],
      { TABAGENT_API_KEY: 'sk-env' },
    );
    expect(args).toMatchObject({ apiKey: 'sk-flag', answers: 'a.json', format: 'react', limit: 5, concurrency: 8, maxTokens: 256, followUp: false, out: 'o' });
    expect(parseEvalArgs(['--help'], {})).toBe('help');
  });

  it('explains what is wrong', () => {
    expect(usageError(base.slice(2))).toBe('--data is required');
    expect(usageError([...base, '--format', 'xml'])).toMatch(/^--format xml is not one of/);
    expect(usageError([...base, '--limit', '0'])).toMatch(/^--limit must be a whole number/);
    expect(usageError([...base, '--concurrency', 'many'])).toMatch(/^--concurrency must be a whole number/);
    expect(usageError([...base, '--colour'])).toMatch(/Unknown option '--colour'/);
    expect(usageError([...base, 'stray'])).toMatch(/positional/);
  });
});
