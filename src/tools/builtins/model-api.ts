import { TabagentError } from '../../core/errors';
import { classifyFetchFailure } from '../../core/network-errors';
import { withImages, type RequestPreview, type ToolOutputWithImages } from '../../core/tool-runner';
import type { ToolManifest } from '../manifest';
import { originOf } from '../origins';
import type { ToolContext, ToolImplementation } from '../registry';
import { apiImages, type ApiImage, type ImageNote } from './model-api-images';

/** The user's OpenAI-compatible endpoint, from Settings. */
export interface ModelApiConfig {
  /** E.g. `https://api.openai.com/v1` or `http://localhost:8000/v1`. */
  baseUrl: string;
  /** Chat model name. */
  model: string;
  /** Image model name; image requests need it. */
  imageModel?: string;
  apiKey?: string;
}

/** Reads the current settings on every call, so a settings change applies to the next call. */
export type ModelApiConfigSource = () => ModelApiConfig | undefined;

export const SECRET_NAME = 'model_api.apiKey';
const MAX_ERROR_DETAIL_CHARS = 300;

export const manifest: ToolManifest = {
  name: 'model_api',
  description:
    "Sends a prompt to the user's configured external model API (OpenAI-compatible) and returns its answer: " +
    'task "chat" returns text from a larger language model, task "image" generates an image from the prompt. ' +
    "The prompt leaves the user's machine, so the user approves each call.",
  kind: 'model-api',
  sideEffects: true,
  // Granted at run time: the origin of the base URL in the user's settings.
  allowedOrigins: [],
  secrets: [{ name: SECRET_NAME, description: 'API key for the model API endpoint set in Settings → Model API (sent only to that endpoint).' }],
  version: '1.0.0',
  parameters: {
    type: 'object',
    properties: {
      task: { type: 'string', enum: ['chat', 'image'], description: '"chat" for a text answer, "image" to generate an image.' },
      prompt: { type: 'string', minLength: 1, maxLength: 32000, description: 'What to ask, or the picture to draw.' },
      system: { type: 'string', maxLength: 8000, description: 'Optional instructions for the chat model (ignored for images).' },
    },
    required: ['task', 'prompt'],
    additionalProperties: false,
  },
  examples: [
    { query: 'Ask the big model to write a sonnet about autumn', arguments: { task: 'chat', prompt: 'Write a sonnet about autumn.' } },
    { query: 'Draw a watercolor fox', arguments: { task: 'image', prompt: 'A watercolor painting of a red fox in snow' } },
  ],
};

/** Text answer of a chat task. */
export interface ModelApiChatResult {
  text: string;
}

/**
 * What the model reads of an image task: a note per image (shown, or a link with why it was not),
 * never the image data; the images themselves travel beside it (`withImages`) to the tool card and
 * to a vision model.
 */
export interface ModelApiImageResult {
  images: ImageNote[];
}

function configError(detail: string): TabagentError {
  return new TabagentError('config', `The model_api tool is not set up: ${detail} Set it in Settings → Model API.`);
}

/** The usable config, or a 'config' error saying what is missing. */
function requireConfig(source: ModelApiConfigSource): ModelApiConfig & { origin: string } {
  const config = source();
  if (!config || !config.baseUrl?.trim()) throw configError('no base URL is configured.');
  if (!config.model?.trim()) throw configError('no model is configured.');
  const origin = originOf(config.baseUrl.trim());
  if (!origin) throw configError('the base URL is not an http(s) address.');
  return { ...config, origin };
}

/** The origins the tool may contact now: the configured endpoint's, or none. */
export function modelApiOrigins(source: ModelApiConfigSource): string[] {
  const baseUrl = source()?.baseUrl;
  const origin = baseUrl ? originOf(baseUrl.trim()) : undefined;
  return origin ? [origin] : [];
}

/**
 * Removes the key from text we did not write (server error bodies, network messages), so a
 * server echoing the key cannot get it into the conversation, logs or exports.
 */
function redact(text: string, apiKey: string | undefined): string {
  return apiKey && apiKey.length > 0 ? text.split(apiKey).join('[redacted]') : text;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > MAX_ERROR_DETAIL_CHARS ? `${flat.slice(0, MAX_ERROR_DETAIL_CHARS - 3)}...` : flat;
}

/** The server's own explanation from an error body (`{"error":{"message":...}}` or text). */
function errorDetail(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
    if (typeof parsed.error?.message === 'string') return parsed.error.message;
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON: the text itself is the best detail there is.
  }
  return body;
}

const STATUS_ADVICE: ReadonlyMap<number, string> = new Map([
  [401, 'Check the API key in Settings → Model API.'],
  [403, 'Check the API key and its permissions in Settings → Model API.'],
  [404, 'Check the base URL and model name in Settings → Model API.'],
  [429, 'The API is rate-limiting or out of quota; try again later.'],
]);

/** The one request a call makes: built the same way for the preview and for the call itself. */
function buildRequest(config: ModelApiConfig, path: string, body: unknown): { url: string; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (config.apiKey) headers.Authorization = `Bearer ${config.apiKey}`;
  return { url: `${config.baseUrl.trim().replace(/\/+$/, '')}${path}`, headers, body: JSON.stringify(body) };
}

async function post(context: ToolContext, config: ModelApiConfig & { origin: string }, path: string, body: unknown): Promise<unknown> {
  const request = buildRequest(config, path, body);
  const { url, headers } = request;
  let response: Response;
  try {
    response = await context.fetch(url, {
      method: 'POST',
      headers,
      body: request.body,
      signal: context.signal,
      // A redirect could carry the request (and, in older engines, the key) to another origin.
      redirect: config.apiKey ? 'error' : 'follow',
      credentials: 'omit',
    });
  } catch (error) {
    if (context.signal.aborted || TabagentError.is(error)) throw error;
    // No answer at all: the host and what to do, in the person's language (core/network-errors.ts).
    const classified = classifyFetchFailure(error, 'tool', config.origin, 'model_api');
    if (TabagentError.is(classified)) throw classified;
    const reason = error instanceof Error ? error.message : String(error);
    throw new TabagentError('tool-failed', `Could not reach the model API at ${config.origin}: ${clip(redact(reason, config.apiKey))}`);
  }
  const text = await response.text();
  if (!response.ok) {
    const detail = clip(redact(errorDetail(text), config.apiKey));
    const advice = STATUS_ADVICE.get(response.status) ?? (response.status >= 500 ? 'The server had a problem; try again later.' : '');
    const message = `The model API at ${config.origin} answered ${response.status}${detail ? `: ${detail}` : ''}.${advice ? ` ${advice}` : ''}`;
    throw new TabagentError('tool-failed', message, { data: { status: response.status, origin: config.origin } });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new TabagentError('tool-failed', `The model API at ${config.origin} answered with something that is not JSON.`);
  }
}

function chatText(data: unknown): string {
  const choice = (data as { choices?: Array<{ message?: { content?: unknown } }> }).choices?.[0];
  const content = choice?.message?.content;
  if (typeof content === 'string') return content;
  // Some servers return content as an array of parts.
  if (Array.isArray(content)) {
    return content.map((part: unknown) => (typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : '')).join('');
  }
  throw new TabagentError('tool-failed', 'The model API answered without any text.');
}

function imageList(data: unknown): ApiImage[] {
  const items = (data as { data?: unknown }).data;
  const images: ApiImage[] = [];
  if (Array.isArray(items)) {
    for (const item of items as Array<{ url?: unknown; b64_json?: unknown }>) {
      if (typeof item?.url === 'string') images.push({ url: item.url });
      else if (typeof item?.b64_json === 'string') images.push({ b64_json: item.b64_json });
    }
  }
  if (images.length === 0) throw new TabagentError('tool-failed', 'The model API answered without any image.');
  return images;
}

/** The path and body a call sends, from its arguments. */
function callBody(config: ModelApiConfig, args: Record<string, unknown>): { path: string; body: unknown } {
  const prompt = String(args.prompt);
  if (args.task === 'image') {
    if (!config.imageModel?.trim()) throw configError('no image model is configured.');
    return { path: '/images/generations', body: { model: config.imageModel, prompt, n: 1 } };
  }
  const messages = [
    ...(typeof args.system === 'string' && args.system.length > 0 ? [{ role: 'system', content: args.system }] : []),
    { role: 'user', content: prompt },
  ];
  return { path: '/chat/completions', body: { model: config.model, messages, stream: false } };
}

/** The model_api tool reading its endpoint from `source` on every call. */
export function createModelApi(source: ModelApiConfigSource): ToolImplementation {
  return async (args, context): Promise<ModelApiChatResult | ModelApiImageResult | ToolOutputWithImages> => {
    const config = requireConfig(source);
    const { path, body } = callBody(config, args);
    const data = await post(context, config, path, body);
    if (args.task !== 'image') return { text: chatText(data) };
    const { images, notes } = await apiImages(imageList(data), config.origin, context);
    const value: ModelApiImageResult = { images: notes };
    return images.length > 0 ? withImages(value, images) : value;
  };
}

/**
 * What a model_api call will send where (method, URL, headers, body), for the confirmation.
 * The key appears as the placeholder the settings hold, never as a value.
 */
export function createModelApiPreview(source: ModelApiConfigSource): (args: Record<string, unknown>) => RequestPreview[] {
  return (args) => {
    const config = requireConfig(source);
    const { path, body } = callBody(config, args);
    const request = buildRequest(config, path, body);
    const call: RequestPreview = { method: 'POST', url: request.url, headers: request.headers, body: request.body };
    // The answer may link its images on the API's own origin: they are downloaded (GET, no key) to be shown.
    return args.task === 'image' ? [call, { method: 'GET', url: `${config.origin}/`, urlPrefix: true }] : [call];
  };
}
