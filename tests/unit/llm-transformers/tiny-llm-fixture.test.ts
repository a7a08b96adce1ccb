/** The generated fixture loads in the real transformers.js (onnxruntime-node) and streams tokens. */
import { AutoModelForCausalLM, AutoTokenizer, env, Tensor, TextStreamer } from '@huggingface/transformers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_ID } from '../../fixtures/make-tiny-llm';

describe('tiny-llm fixture', () => {
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;
  let model: Awaited<ReturnType<typeof AutoModelForCausalLM.from_pretrained>>;

  beforeAll(async () => {
    makeTinyLlm();
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${GENERATED_MODELS_DIR}/`;
    tokenizer = await AutoTokenizer.from_pretrained(TINY_LLM_ID);
    model = await AutoModelForCausalLM.from_pretrained(TINY_LLM_ID, { dtype: 'fp32', device: 'cpu' });
  });
  afterAll(async () => {
    await model?.dispose();
  });

  it('is idempotent: a second run keeps the same files', () => {
    expect(makeTinyLlm()).toBe(`${GENERATED_MODELS_DIR}/${TINY_LLM_ID}`);
  });

  it('templates chat messages with the ChatML template', () => {
    const text = tokenizer.apply_chat_template([{ role: 'user', content: 'Hi' }], { tokenize: false, add_generation_prompt: true });
    expect(text).toBe('<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n');
  });

  it('round-trips any text through the byte-level tokenizer', () => {
    const text = 'the weather in Zürich is 12°C — nice';
    const ids = tokenizer.encode(text, { add_special_tokens: false });
    expect(tokenizer.decode(ids)).toBe(text);
  });

  it('streams a fixed number of tokens with TextStreamer, and the KV cache agrees with full recompute', async () => {
    const prompt = tokenizer.apply_chat_template([{ role: 'user', content: 'Hello there' }], {
      add_generation_prompt: true,
      tokenize: true,
      return_dict: true,
    }) as { input_ids: Tensor; attention_mask: Tensor };
    const pieces: string[] = [];
    const streamer = new TextStreamer(tokenizer, { skip_prompt: true, callback_function: (text: string) => pieces.push(text) });
    const cached = (await model.generate({ ...prompt, max_new_tokens: 24, do_sample: false, streamer })) as Tensor;
    const uncached = (await model.generate({ ...prompt, max_new_tokens: 24, do_sample: false, use_cache: false })) as Tensor;
    const promptLength = prompt.input_ids.dims[1] ?? 0;
    expect(cached.dims[1]).toBe(promptLength + 24);
    expect(pieces.length).toBeGreaterThan(1);
    const streamed = pieces.join('');
    expect(streamed.length).toBeGreaterThan(10);
    expect(tokenizer.decode(Array.from(cached.data as BigInt64Array).slice(promptLength))).toBe(streamed);
    expect(Array.from(uncached.data as BigInt64Array)).toEqual(Array.from(cached.data as BigInt64Array));
  });
});
