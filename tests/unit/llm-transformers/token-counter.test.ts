/** The model's own tokenizer as the budget's token counter (tiny fixture), against real transformers.js. */
import { readFile } from 'node:fs/promises';
import { AutoTokenizer, env } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateTokens } from '../../../src/core/agent/token-count';
import { loadTokenCounter, tokenizerFileLocation, type ReadModelFile } from '../../../src/llm/transformers/token-counter';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_ID } from '../../fixtures/make-tiny-llm';

/** Node has no Cache API and cannot fetch a folder: the fixture's files are read from disk. */
const readFromDisk: ReadModelFile = (location) => readFile(location, 'utf8');

describe('loadTokenCounter', () => {
  let count: (text: string) => number;
  let reference: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;

  beforeAll(async () => {
    makeTinyLlm();
    count = await loadTokenCounter({ modelId: TINY_LLM_ID, device: 'wasm', localModelPath: GENERATED_MODELS_DIR }, readFromDisk);
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = `${GENERATED_MODELS_DIR}/`;
    reference = await AutoTokenizer.from_pretrained(TINY_LLM_ID);
  });

  it('counts exactly the tokens the model reads, without special tokens', () => {
    for (const text of ['', 'Hello there', 'the weather in Zürich is 12°C', '今天北京的天气怎么样？', '<|im_start|>user\nHi']) {
      expect(count(text)).toBe(reference.encode(text, { add_special_tokens: false }).length);
    }
    // The byte-level fixture spends several tokens per CJK character: the estimate is only a guess.
    expect(count('今天北京的天气怎么样？')).not.toBe(estimateTokens('今天北京的天气怎么样？'));
  });

  it('gives the same answer when asked again (memoized)', () => {
    const text = 'a longer text '.repeat(50);
    const first = count(text);
    expect(count(text)).toBe(first);
    expect(first).toBeGreaterThan(50);
  });

  it('fails with a typed error for a model that does not exist', async () => {
    await expect(loadTokenCounter({ modelId: 'no-such-model', device: 'wasm', localModelPath: GENERATED_MODELS_DIR }, readFromDisk)).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('reads the files where transformers.js would: a local folder, the hub, or a custom host and path', () => {
    expect(tokenizerFileLocation({ modelId: 'm', device: 'wasm', localModelPath: '/models' }, 'tokenizer.json')).toBe('/models/m/tokenizer.json');
    expect(tokenizerFileLocation({ modelId: 'org/m', device: 'wasm', allowRemote: true }, 'tokenizer.json')).toBe(
      'https://huggingface.co/org/m/resolve/main/tokenizer.json',
    );
    expect(
      tokenizerFileLocation(
        { modelId: 'm', device: 'wasm', allowRemote: true, remoteHost: 'https://files.example', remotePathTemplate: 'a/b/{model}/' },
        'tokenizer_config.json',
      ),
    ).toBe('https://files.example/a/b/m/tokenizer_config.json');
  });
});
