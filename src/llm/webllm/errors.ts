import { abortedError, isAbortError, TabagentError, type ErrorCode } from '../../core/errors';
import { hostOf, networkFailure } from '../../core/network-errors';

/** Where web-llm's prebuilt model records download their weights from. */
const WEBLLM_MODEL_HOST = 'huggingface.co';

interface Rule {
  /** web-llm error class names (they cross the worker as "Name: message" strings). */
  names?: readonly string[];
  /** Or a pattern on the message when the class name is lost. */
  pattern?: RegExp;
  code: ErrorCode;
  reason: string;
  message: string;
  isRetryable?: boolean;
}

// Order matters: the first rule that matches wins.
const RULES: readonly Rule[] = [
  {
    names: ['ShaderF16SupportError'],
    code: 'config',
    reason: 'shader-f16',
    message: 'This model needs the WebGPU feature shader-f16, which this GPU lacks. Pick a q4f32 model on the Models page.',
  },
  {
    names: ['FeatureSupportError'],
    code: 'config',
    reason: 'gpu-feature',
    message: 'This model needs a WebGPU feature this browser does not offer. Pick another model on the Models page.',
  },
  {
    names: ['WebGPUNotAvailableError', 'WebGPUNotFoundError'],
    pattern: /WebGPU is not supported|Cannot find WebGPU|No adapter|requestAdapter/i,
    code: 'config',
    reason: 'no-webgpu',
    message: 'This browser has no WebGPU, which web-llm needs. Use a transformers.js model (WASM) on the Models page.',
  },
  {
    names: ['ModelNotFoundError', 'UnsupportedModelIdError'],
    code: 'config',
    reason: 'unknown-model',
    message: 'web-llm does not know this model id. Choose a model from the list on the Models page.',
  },
  {
    names: ['DeviceLostError'],
    pattern: /device was lost|out of memory|OOM/i,
    code: 'internal',
    reason: 'device-lost',
    message: 'The GPU ran out of memory or was reset. Try a smaller model.',
    isRetryable: true,
  },
  {
    names: ['ContextWindowSizeExceededError'],
    code: 'bad-request',
    reason: 'context-window',
    message: 'The conversation is longer than this model’s context window. Start a new conversation.',
  },
  {
    names: ['MessageOrderError', 'SystemMessageOrderError', 'UnsupportedRoleError', 'ContentTypeError', 'UnsupportedFieldsError'],
    code: 'bad-request',
    reason: 'request-shape',
    message: 'web-llm rejected the request shape.',
  },
  {
    names: ['InvalidResponseFormatGrammarError', 'GrammarMatcherInitError', 'InvalidResponseFormatError'],
    code: 'bad-request',
    reason: 'grammar',
    message: 'web-llm could not use the output grammar.',
  },
  {
    names: ['IntegrityError'],
    // web-llm's own SRI check, or ours on hub files (verified-downloads.ts), whose message crosses the worker as text.
    pattern: /Integrity verification failed|does not match the checksum/i,
    code: 'integrity',
    reason: 'integrity',
    message: 'A model file does not match its published checksum.',
  },
  {
    // A server answered with a web page (an SPA fallback, a login page) where model files should be.
    pattern: /is not valid JSON|Unexpected token '<'/i,
    code: 'not-found',
    reason: 'not-model-files',
    message: 'The model URL did not serve model files (it answered with a web page). Check the model URL.',
  },
  {
    pattern: /\b404\b|Not Found/i,
    code: 'not-found',
    reason: 'missing-file',
    message: 'A model file was not found at its URL. Check the model id or custom URL.',
  },
  {
    pattern: /Failed to fetch|NetworkError|network|Cache.*(add|put)|Request failed|Cannot fetch|fetch/i,
    code: 'network',
    reason: 'download',
    message: 'The model files could not be downloaded. Check the connection and try again.',
    isRetryable: true,
  },
  {
    names: ['ModelNotLoadedError', 'WorkerEngineModelNotLoadedError'],
    code: 'internal',
    reason: 'not-loaded',
    message: 'The local model is not loaded. Load it on the Models page.',
  },
];

/** The error class name and message of anything web-llm throws (an Error, or its worker string). */
function describe(value: unknown): { name: string; detail: string } {
  if (value instanceof Error) return { name: value.name, detail: value.message };
  const text = typeof value === 'string' ? value : String(value);
  const match = /^([A-Za-z0-9]*Error):\s*([\s\S]*)$/.exec(text);
  return match ? { name: match[1] ?? '', detail: match[2] ?? '' } : { name: '', detail: text };
}

/**
 * Turns a web-llm failure into a TabagentError with a stable code. web-llm's worker sends errors
 * as `err.toString()` strings, so the class name is read back from the "Name: message" text.
 * The original text goes into `data.detail` for logs; `message` says what the person can do.
 */
export function toWebLLMError(value: unknown, modelId?: string): TabagentError {
  if (TabagentError.is(value)) return value;
  if (isAbortError(value)) return abortedError('Stopped.', { cause: value });
  const { name, detail } = describe(value);
  if (/Engine\.unload\(\) is called|aborted/i.test(detail)) return abortedError('Stopped.', { cause: value });
  const data = { detail: detail.slice(0, 500), errorName: name, ...(modelId ? { modelId } : {}) };
  const rule = RULES.find(
    (candidate) => (candidate.names?.includes(name) ?? false) || (candidate.pattern?.test(`${name} ${detail}`) ?? false),
  );
  if (!rule) return new TabagentError('internal', `The local model failed: ${detail}`, { data, cause: value });
  if (rule.reason === 'integrity') {
    // web-llm checks the files its model record gives SRI hashes for (`integrity`), and throws before using them.
    const ours = /The model file (\S+) from (\S+) does not match/.exec(detail);
    const url = /verification failed for (\S+)/.exec(detail)?.[1] ?? '';
    const file = ours?.[1] ?? (url.split('?')[0]?.split('/').pop() || 'a model file');
    const host = ours?.[2] ?? (url ? hostOf(url) : WEBLLM_MODEL_HOST);
    return new TabagentError(
      'integrity',
      `The model file ${file} from ${host} does not match the checksum its source publishes, so it was not loaded or kept. It may have been altered on the way. Try again later, or download the model from another source.`,
      { data: { ...data, reason: rule.reason, host, file }, cause: value },
    );
  }
  if (rule.reason === 'download') {
    // Which host, that nothing was downloaded, and what to do (core/network-errors.ts).
    // The host web-llm names when it says which URL failed (a model record may point elsewhere).
    const url = /https?:\/\/[^\s'"]+/.exec(detail)?.[0];
    const host = url ? hostOf(url) : WEBLLM_MODEL_HOST;
    return networkFailure({ source: 'model-hub', host, ...(modelId ? { name: modelId } : {}) }, { cause: value, extra: { ...data, reason: rule.reason } });
  }
  const message = rule.reason === 'request-shape' || rule.reason === 'grammar' ? `${rule.message} ${detail}` : rule.message;
  return new TabagentError(rule.code, message, {
    data: { ...data, reason: rule.reason },
    isRetryable: rule.isRetryable ?? false,
    cause: value,
  });
}
