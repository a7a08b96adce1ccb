/** transformers.js: whether the rendered prompt leaves the model inside an opened <think> block. */
import { AutoTokenizer, env, type Tensor } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateOptions } from '../../../src/llm/transformers/generation';
import { promptEndsInsideThink } from '../../../src/llm/transformers/think-prompt';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_ID } from '../../fixtures/make-tiny-llm';

// DeepSeek-R1 distills end the generation prompt inside the block; Qwen3 opens none (or an empty, closed one when off).
const R1_STYLE_TEMPLATE =
  '{%- for message in messages %}<|im_start|>{{ message.role }}\n{{ message.content }}<|im_end|>\n{%- endfor %}' +
  '{%- if add_generation_prompt %}<|im_start|>assistant\n<think>\n{%- endif %}';
const QWEN3_STYLE_TEMPLATE =
  '{%- for message in messages %}<|im_start|>{{ message.role }}\n{{ message.content }}<|im_end|>\n{%- endfor %}' +
  '{%- if add_generation_prompt %}<|im_start|>assistant\n{%- if enable_thinking is defined and enable_thinking is false %}<think>\n\n</think>\n\n{%- endif %}{%- endif %}';

describe('promptEndsInsideThink', () => {
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;

  beforeAll(async () => {
    makeTinyLlm();
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${GENERATED_MODELS_DIR}/`;
    tokenizer = await AutoTokenizer.from_pretrained(TINY_LLM_ID);
  });

  const promptIds = (template: string, thinking?: boolean): Tensor =>
    (
      tokenizer.apply_chat_template([{ role: 'user', content: 'Hi' }], {
        ...templateOptions(thinking === undefined ? {} : { thinking }),
        chat_template: template,
      }) as { input_ids: Tensor }
    ).input_ids;

  it('is true for a template that opens the block in the prompt', () => {
    expect(promptEndsInsideThink(tokenizer, promptIds(R1_STYLE_TEMPLATE))).toBe(true);
  });

  it('is false when the prompt opens none, or closes the empty block of thinking switched off', () => {
    expect(promptEndsInsideThink(tokenizer, promptIds(QWEN3_STYLE_TEMPLATE))).toBe(false);
    expect(promptEndsInsideThink(tokenizer, promptIds(QWEN3_STYLE_TEMPLATE, false))).toBe(false);
  });
});
