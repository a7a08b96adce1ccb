/** Known OpenAI-compatible servers, for the settings UI's provider picker. */

export interface ProviderPreset {
  id: string;
  label: string;
  baseUrl: string;
  /** Whether the server refuses requests without an API key. */
  needsKey: boolean;
  /** A model name the server is known to serve, shown as a placeholder. */
  exampleModel: string;
}

/** Base URLs of the servers Tabagent is tested against (local servers at their default ports). */
export const providerPresets: readonly ProviderPreset[] = [
  { id: 'openai', label: 'OpenAI', baseUrl: 'https://api.openai.com/v1', needsKey: true, exampleModel: 'gpt-4o-mini' },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    baseUrl: 'https://openrouter.ai/api/v1',
    needsKey: true,
    exampleModel: 'qwen/qwen-2.5-7b-instruct',
  },
  {
    id: 'dashscope',
    label: 'DashScope (Alibaba Cloud, compatible mode)',
    baseUrl: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    needsKey: true,
    exampleModel: 'qwen-plus',
  },
  {
    id: 'vllm',
    label: 'vLLM',
    baseUrl: 'http://localhost:8000/v1',
    needsKey: false,
    exampleModel: 'Qwen/Qwen2.5-7B-Instruct',
  },
  { id: 'ollama', label: 'Ollama', baseUrl: 'http://localhost:11434/v1', needsKey: false, exampleModel: 'qwen2.5:7b' },
  {
    id: 'lm-studio',
    label: 'LM Studio',
    baseUrl: 'http://localhost:1234/v1',
    needsKey: false,
    exampleModel: 'qwen2.5-7b-instruct',
  },
];
