/** Command-line arguments of `npm run retrieval-eval`. */
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/cli/eval-args';
import { parseRetrievalEvalArgs } from '../../../src/cli/retrieval-eval-args';
import { BGE_SMALL_EN, DEFAULT_EMBEDDING_MODEL } from '../../../src/embed/catalog';

const files = ['--tools', 't.json', '--queries', 'q.jsonl'];

describe('parseRetrievalEvalArgs', () => {
  it('defaults to bm25 and k = 5 without a model, and to hybrid with the default catalog model with one', () => {
    expect(parseRetrievalEvalArgs(files)).toEqual({ tools: 't.json', queries: 'q.jsonl', k: 5, mode: 'bm25' });
    expect(parseRetrievalEvalArgs([...files, '--model-path', 'models/e5'])).toEqual({
      tools: 't.json',
      queries: 'q.jsonl',
      k: 5,
      mode: 'hybrid',
      model: { path: 'models/e5', spec: DEFAULT_EMBEDDING_MODEL, dtype: 'q8' },
    });
  });

  it('takes k, mode, model id and dtype', () => {
    const args = parseRetrievalEvalArgs([...files, '--k', '10', '--mode', 'dense', '--model-path', 'm', '--model-id', BGE_SMALL_EN.modelId, '--dtype', 'fp32']);
    expect(args).toMatchObject({ k: 10, mode: 'dense', model: { path: 'm', spec: BGE_SMALL_EN, dtype: 'fp32' } });
    expect(parseRetrievalEvalArgs(['--help'])).toBe('help');
  });

  it.each([
    [[], '--tools is required'],
    [['--tools', 't.json'], '--queries is required'],
    [[...files, '--k', '0'], '--k must be a whole number'],
    [[...files, '--k', '2.5'], '--k must be a whole number'],
    [[...files, '--mode', 'sparse'], '--mode sparse is not one of dense, bm25, hybrid'],
    [[...files, '--mode', 'dense'], '--mode dense embeds texts: give --model-path'],
    [[...files, '--model-path', 'm', '--model-id', 'nope/model'], '--model-id nope/model is not in the catalog; known: Xenova/multilingual-e5-small'],
    [[...files, '--model-path', 'm', '--dtype', 'fp64'], '--dtype fp64 is not one of'],
    [[...files, '--unknown'], "Unknown option '--unknown'"],
  ])('refuses %j', (argv, message) => {
    expect(() => parseRetrievalEvalArgs(argv)).toThrow(UsageError);
    expect(() => parseRetrievalEvalArgs(argv)).toThrow(message);
  });
});
