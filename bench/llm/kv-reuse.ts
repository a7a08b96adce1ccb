/**
 * The KV-reuse part of the LLM bench page: the agent's next step after a tool call, on the tiny
 * model through the production worker. The first request holds a long prompt (≥ 1,500 tokens);
 * the second repeats it with the answer and a short tool result. Its time to first token is
 * measured with the first request's cache kept (reuse) and with it dropped (fresh), alternating.
 */
import type { ChatChunk, ChatEngine, ChatMessage, ChatRequest, Usage } from '../../src/core/types';
import { createWorkerEngine, spawnLlmWorker } from '../../src/llm/worker-protocol';

/** One timed second request. */
export interface KvReuseRun {
  mode: 'reuse' | 'fresh';
  /** Milliseconds from chat() to its first chunk (one new token: the prompt read, one step). */
  ttftMs: number;
  promptTokens: number;
  cachedPromptTokens: number;
  /** The token it wrote, to check that reuse changes nothing. */
  text: string;
}

export interface KvReuseBenchConfig {
  runs: number;
  modelsUrl: string;
  modelId: string;
  /** Prompt length to reach in the first request. */
  minPromptTokens: number;
}

declare global {
  interface Window {
    runKvReuseBench?: (config: KvReuseBenchConfig) => Promise<KvReuseRun[]>;
  }
}

/** A system text of about `tokens` tokens: numbered tool descriptions, as an agent's prompt holds. */
function longSystemText(tokens: number): string {
  const lines = ['You are an assistant with tools. Call a tool when it helps; answer in plain words otherwise.'];
  // The tiny tokenizer has few merges: a line of ~100 characters is roughly 60 tokens.
  for (let index = 0; lines.join('\n').length < tokens * 2; index += 1) {
    lines.push(`Tool ${index}: lookup_${index}(city, date) returns the weather, the tides and the opening hours of the harbour.`);
  }
  return lines.join('\n');
}

async function answer(engine: ChatEngine, request: ChatRequest): Promise<{ text: string; usage?: Usage; firstChunkMs: number }> {
  const started = performance.now();
  let firstChunkMs: number | undefined;
  let text = '';
  let usage: Usage | undefined;
  for await (const chunk of engine.chat(request) as AsyncIterable<ChatChunk>) {
    firstChunkMs ??= performance.now() - started;
    if (chunk.type === 'text-delta') text += chunk.text;
    if (chunk.type === 'usage') usage = chunk.usage;
  }
  return { text, ...(usage ? { usage } : {}), firstChunkMs: firstChunkMs ?? performance.now() - started };
}

window.runKvReuseBench = async (config) => {
  const engine = createWorkerEngine(spawnLlmWorker(), {
    kind: 'transformers',
    engineOptions: { modelId: config.modelId, device: 'wasm', dtype: 'fp32', localModelPath: config.modelsUrl },
  });
  await engine.load();
  const messages: ChatMessage[] = [
    { role: 'system', content: longSystemText(config.minPromptTokens) },
    { role: 'user', content: 'What is the weather in Brest tomorrow?' },
  ];
  const first: ChatRequest = { messages, temperature: 0, maxTokens: 16 };

  /** One agent step: the first request, then (timed) the one that continues it. */
  async function step(mode: KvReuseRun['mode']): Promise<KvReuseRun> {
    await engine.resetContext?.();
    const call = await answer(engine, first);
    if (mode === 'fresh') await engine.resetContext?.();
    const next: ChatRequest = {
      messages: [...messages, { role: 'assistant', content: call.text }, { role: 'tool', toolCallId: 'call-1', name: 'lookup_3', content: '{"temperature": 14, "sky": "clear"}' }],
      temperature: 0,
      maxTokens: 1,
    };
    const timed = await answer(engine, next);
    return {
      mode,
      ttftMs: timed.firstChunkMs,
      promptTokens: timed.usage?.promptTokens ?? 0,
      cachedPromptTokens: timed.usage?.cachedPromptTokens ?? 0,
      text: timed.text,
    };
  }

  // Warm-up: the first runs compile kernels and fill caches.
  await step('fresh');
  await step('reuse');
  const runs: KvReuseRun[] = [];
  for (let index = 0; index < config.runs; index += 1) {
    const order: KvReuseRun['mode'][] = index % 2 === 0 ? ['reuse', 'fresh'] : ['fresh', 'reuse'];
    for (const mode of order) runs.push(await step(mode));
  }
  await engine.unload();
  return runs;
};
