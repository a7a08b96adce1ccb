/** Runs one chat request on a loaded model, pushing chunks into a queue as tokens decode. */
import { InterruptableStoppingCriteria, Tensor } from '@huggingface/transformers';
import type { LogitsProcessorList, PreTrainedModel, PreTrainedTokenizer, TextStreamer } from '@huggingface/transformers';
import type { ChatChunk, ChatRequest, FinishReason } from '../../core/types';
import { abortedError, TabagentError, toTabagentError } from '../../core/errors';
import type { ChunkQueue } from './chunk-queue';
import type { KvCache, KvReuse } from './kv-cache';
import { createStopMatcher } from './stop-strings';
import { createThinkSplitter } from '../../core/think-splitter';
import { promptEndsInsideThink } from './think-prompt';
import { MarkerKeepingStreamer } from './decode';
import { templateInput, type TemplateToolSupport } from './template-tools';
import { createToolCallSplitter, toolCallChunks } from './tool-call-stream';

/** A model ready to generate. */
export interface LoadedModel {
  tokenizer: PreTrainedTokenizer;
  model: PreTrainedModel;
  contextWindow: number;
  /** Token ids that end an answer (generation_config.eos_token_id). */
  endIds: ReadonlySet<bigint>;
  /** Token ids left out of the decoded answer: end-of-turn, eos, pad (see decode.ts). */
  removedIds?: ReadonlySet<bigint>;
  /** Set when the chat template takes `tools`: the family's call format (see template-tools.ts). */
  toolSupport?: TemplateToolSupport;
}

/** What a decoding constraint may depend on, known once the prompt is tokenized. */
export interface PromptStart {
  /** The template ended the prompt inside an opened `<think>` block: the answer starts there. */
  startsInsideThink: boolean;
}

/** Makes the logits processors (a grammar) for a request once its prompt is known; undefined: none. */
export type ConstrainDecoding = (prompt: PromptStart) => Promise<LogitsProcessorList | undefined>;

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
 * at once (so the consumer sees nothing more) and interrupts decoding at the next token. With a
 * `kvCache`, a prompt that extends the previous request reads only its new tokens; an abort or
 * error drops the cache.
 * `constrain` makes the request's grammar once the prompt is known; it shapes each step's logits.
 */
export async function generateInto(
  loaded: LoadedModel,
  request: ChatRequest,
  queue: ChunkQueue<ChatChunk>,
  signal: AbortSignal,
  defaultMaxTokens: number,
  kvCache?: KvCache,
  constrain?: ConstrainDecoding,
): Promise<void> {
  const criteria = new InterruptableStoppingCriteria();
  const onAbort = (): void => {
    criteria.interrupt();
    queue.fail(abortedError());
    void kvCache?.clear();
  };
  if (signal.aborted) return onAbort();
  signal.addEventListener('abort', onAbort, { once: true });
  let reuse: KvReuse | undefined;
  let output: unknown;
  try {
    const { tokenizer, model } = loaded;
    const input = templateInput(loaded.toolSupport, request);
    const prompt = tokenizer.apply_chat_template(input.messages, {
      ...templateOptions(request),
      ...(input.tools ? { tools: input.tools } : {}),
    }) as { input_ids: Tensor; attention_mask: Tensor };
    const promptTokens = prompt.input_ids.dims[1] ?? 0;
    const room = loaded.contextWindow - promptTokens;
    if (room <= 0) {
      throw new TabagentError('bad-request', 'The conversation is longer than this model can read. Start a new chat or shorten it.', {
        data: { promptTokens, contextWindow: loaded.contextWindow },
      });
    }
    const maxNewTokens = Math.min(request.maxTokens ?? defaultMaxTokens, room);
    const matcher = createStopMatcher(request.stop);
    // A `<think>` block at the start becomes reasoning chunks; call parsing sees only the text after it.
    const startsInsideThink = promptEndsInsideThink(tokenizer, prompt.input_ids);
    const thinking = createThinkSplitter({ startsInside: startsInsideThink });
    // With tools given to the template, the family's calls are parsed here into tool-call chunks.
    const splitter = input.tools && loaded.toolSupport ? createToolCallSplitter(loaded.toolSupport.format, loaded.toolSupport.callOpeners) : undefined;
    const emit = (chunks: readonly ChatChunk[]): void => {
      for (const chunk of chunks) {
        if (chunk.type !== 'text-delta' || !splitter) queue.push(chunk);
        else {
          const shown = splitter.push(chunk.text);
          if (shown !== '') queue.push({ type: 'text-delta', text: shown });
        }
      }
    };
    const pushText = (text: string): void => {
      if (text !== '') emit(thinking.push(text));
    };
    let stoppedByString = false;
    const streamer = new MarkerKeepingStreamer(tokenizer, loaded.removedIds ?? loaded.endIds, (text) => {
      if (signal.aborted || stoppedByString) return;
      const step = matcher.push(text);
      pushText(step.text);
      if (step.stopped) {
        stoppedByString = true;
        criteria.interrupt();
      }
    });
    const logitsProcessor = await constrain?.({ startsInsideThink });
    // An abort while the grammar compiled has already failed the queue.
    if (signal.aborted) return;
    reuse = await kvCache?.begin(prompt.input_ids);
    output = await model.generate({
      input_ids: prompt.input_ids,
      attention_mask: prompt.attention_mask,
      max_new_tokens: maxNewTokens,
      ...samplingOptions(request.temperature),
      // generate() only calls put() and end(), which BaseStreamer declares; its typing asks for a TextStreamer.
      streamer: streamer as unknown as TextStreamer,
      stopping_criteria: [criteria],
      ...reuse?.generateOptions,
      ...(logitsProcessor === undefined ? {} : { logits_processor: logitsProcessor }),
    });
    if (signal.aborted) return await reuse?.discard(output);
    await reuse?.keep(output);
    const sequences = output instanceof Tensor ? output : (output as { sequences: Tensor }).sequences;
    const totalTokens = sequences.dims[1] ?? promptTokens;
    const completionTokens = totalTokens - promptTokens;
    const lastToken = (sequences.data as BigInt64Array)[totalTokens - 1];
    const endedByModel = lastToken !== undefined && completionTokens > 0 && loaded.endIds.has(lastToken);
    const cut = !stoppedByString && !endedByModel && completionTokens >= maxNewTokens;
    pushText(matcher.flush());
    emit(thinking.end());
    const split = splitter?.finish({ cut });
    if (split && split.text !== '') queue.push({ type: 'text-delta', text: split.text });
    for (const chunk of toolCallChunks(split?.calls ?? [])) queue.push(chunk);
    const reason: FinishReason = cut ? 'length' : (split?.calls.length ?? 0) > 0 ? 'tool-calls' : 'stop';
    const cachedPromptTokens = reuse?.cachedTokens ?? 0;
    queue.push({ type: 'usage', usage: { promptTokens, completionTokens, ...(cachedPromptTokens > 0 ? { cachedPromptTokens } : {}) } });
    queue.push({ type: 'finish', reason });
    queue.close();
  } catch (error) {
    await reuse?.discard(output);
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
