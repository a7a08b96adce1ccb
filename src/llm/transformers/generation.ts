/** Runs one chat request on a loaded model, pushing chunks into a queue as tokens decode. */
import { InterruptableStoppingCriteria, Tensor, TextStreamer } from '@huggingface/transformers';
import type { LogitsProcessorList, Message, PreTrainedModel, PreTrainedTokenizer } from '@huggingface/transformers';
import type { ChatChunk, ChatMessage, ChatRequest, FinishReason } from '../../core/types';
import { abortedError, TabagentError, toTabagentError } from '../../core/errors';
import type { ChunkQueue } from './chunk-queue';
import { createStopMatcher } from './stop-strings';

/** A model ready to generate. */
export interface LoadedModel {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  contextWindow: number;
  /** Token ids that end an answer (generation_config.eos_token_id). */
  endIds: ReadonlySet<bigint>;
}

/** Tools were rendered into the text by the agent, so every message is plain role + content. */
export function toTemplateMessages(messages: readonly ChatMessage[]): Message[] {
  return messages.map((message) => ({ role: message.role, content: message.content }));
}

/**
 * Options for `apply_chat_template`: extra keys reach the Jinja template, where Qwen3-style templates
 * read `enable_thinking`; templates without it ignore the key. Absent thinking sends nothing.
 */
export function templateOptions(request: Pick<ChatRequest, 'thinking'>): {
  add_generation_prompt: true;
  tokenize: true;
  return_dict: true;
  enable_thinking?: boolean;
} {
  return {
    add_generation_prompt: true,
    tokenize: true,
    return_dict: true,
    ...(request.thinking !== undefined ? { enable_thinking: request.thinking } : {}),
  };
}

/**
 * Generates one answer into `queue`: text deltas, then usage and finish. An abort fails the queue
 * at once (so the consumer sees nothing more) and interrupts decoding at the next token.
 * `logitsProcessor` (a grammar constraint) shapes each step's logits before sampling.
 */
export async function generateInto(
  loaded: LoadedModel,
  request: ChatRequest,
  queue: ChunkQueue<ChatChunk>,
  signal: AbortSignal,
  defaultMaxTokens: number,
  logitsProcessor?: LogitsProcessorList,
): Promise<void> {
  const criteria = new InterruptableStoppingCriteria();
  const onAbort = (): void => {
    criteria.interrupt();
    queue.fail(abortedError());
  };
  if (signal.aborted) return onAbort();
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const { tokenizer, model } = loaded;
    const prompt = tokenizer.apply_chat_template(toTemplateMessages(request.messages), templateOptions(request)) as { input_ids: Tensor; attention_mask: Tensor };
    const promptTokens = prompt.input_ids.dims[1] ?? 0;
    const room = loaded.contextWindow - promptTokens;
    if (room <= 0) {
      throw new TabagentError('bad-request', 'The conversation is longer than this model can read. Start a new chat or shorten it.', {
        data: { promptTokens, contextWindow: loaded.contextWindow },
      });
    }
    const maxNewTokens = Math.min(request.maxTokens ?? defaultMaxTokens, room);
    const matcher = createStopMatcher(request.stop);
    let stoppedByString = false;
    const streamer = new TextStreamer(tokenizer, {
      skip_prompt: true,
      skip_special_tokens: true,
      callback_function: (text: string) => {
        if (signal.aborted || stoppedByString) return;
        const step = matcher.push(text);
        if (step.text !== '') queue.push({ type: 'text-delta', text: step.text });
        if (step.stopped) {
          stoppedByString = true;
          criteria.interrupt();
        }
      },
    });
    const output = await model.generate({
      input_ids: prompt.input_ids,
      attention_mask: prompt.attention_mask,
      max_new_tokens: maxNewTokens,
      ...samplingOptions(request.temperature),
      streamer,
      stopping_criteria: [criteria],
      ...(logitsProcessor === undefined ? {} : { logits_processor: logitsProcessor }),
    });
    if (signal.aborted) return;
    const rest = matcher.flush();
    if (rest !== '') queue.push({ type: 'text-delta', text: rest });
    const sequences = output instanceof Tensor ? output : (output as { sequences: Tensor }).sequences;
    const totalTokens = sequences.dims[1] ?? promptTokens;
    const completionTokens = totalTokens - promptTokens;
    const lastToken = (sequences.data as BigInt64Array)[totalTokens - 1];
    const endedByModel = lastToken !== undefined && completionTokens > 0 && loaded.endIds.has(lastToken);
    const reason: FinishReason = stoppedByString || endedByModel || completionTokens < maxNewTokens ? 'stop' : 'length';
    queue.push({ type: 'usage', usage: { promptTokens, completionTokens } });
    queue.push({ type: 'finish', reason });
    queue.close();
  } catch (error) {
    queue.fail(signal.aborted ? abortedError() : toTabagentError(error));
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** temperature 0 (or unset with a greedy generation_config) decodes greedily; above 0 samples. */
function samplingOptions(temperature: number | undefined): { do_sample?: boolean; temperature?: number } {
  if (temperature === undefined) return {};
  return temperature > 0 ? { do_sample: true, temperature } : { do_sample: false };
}
