/** The thinking switch reaches the chat template (Qwen3 style `enable_thinking`) only when a request sets it. */
import { AutoTokenizer, env } from '@huggingface/transformers';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateOptions } from '../../../src/llm/transformers/generation';
import { GENERATED_MODELS_DIR, makeTinyLlm, TINY_LLM_ID } from '../../fixtures/make-tiny-llm';

// The end of Qwen3's template: with thinking off the answer starts after an empty think block.
const QWEN3_STYLE_TEMPLATE =
  "{%- for message in messages %}<|im_start|>{{ message.role }}\n{{ message.content }}<|im_end|>\n{%- endfor %}" +
  "{%- if add_generation_prompt %}<|im_start|>assistant\n{%- if enable_thinking is defined and enable_thinking is false %}<think>\n\n</think>\n\n{%- endif %}{%- endif %}" +
  "{%- if enable_thinking is defined %}[switch={{ enable_thinking }}]{%- endif %}";

describe('chat template options', () => {
  let tokenizer: Awaited<ReturnType<typeof AutoTokenizer.from_pretrained>>;

  beforeAll(async () => {
    makeTinyLlm();
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = `${GENERATED_MODELS_DIR}/`;
    tokenizer = await AutoTokenizer.from_pretrained(TINY_LLM_ID);
  });

  it('carries enable_thinking only when the request sets thinking', () => {
    expect(templateOptions({ thinking: false })).toMatchObject({ enable_thinking: false, add_generation_prompt: true });
    expect(templateOptions({ thinking: true })).toMatchObject({ enable_thinking: true });
    expect('enable_thinking' in templateOptions({})).toBe(false);
  });

  it('reaches a Qwen3-style template: off adds the empty think block, unset leaves the default', () => {
    const render = (thinking?: boolean): string =>
      tokenizer.apply_chat_template([{ role: 'user', content: 'Hi' }], {
        ...templateOptions(thinking === undefined ? {} : { thinking }),
        tokenize: false,
        chat_template: QWEN3_STYLE_TEMPLATE,
      }) as string;
    expect(render(false)).toContain('<think>\n\n</think>');
    expect(render(false)).toContain('[switch=false]');
    expect(render(true)).not.toContain('<think>');
    expect(render(true)).toContain('[switch=true]');
    // Unset: the template sees no variable at all, so the model's own default applies.
    expect(render()).not.toContain('[switch=');
    expect(render()).not.toContain('<think>');
  });
});
