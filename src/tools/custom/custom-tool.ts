/** Turns a custom manifest into what the registry runs: its implementation and, for HTTP, its preview. */
import { TabagentError } from '../../core/errors';
import { classifyFetchFailure, networkErrorData } from '../../core/network-errors';
import { errorFromStatus } from '../../core/http-status';
import { placeholderIds, replacePlaceholders } from '../../core/secret-placeholder';
import type { ToolManifest } from '../manifest';
import type { RegisterOptions, ToolContext, ToolImplementation, ToolPreview } from '../registry';
import type { ResolveSecret } from '../secrets';
import type { SandboxRunner } from '../sandbox/types';
import { buildHttpRequest } from './http-request';
import type { HttpImplementation, JavaScriptImplementation } from './implementation';
import { splitUrlTemplate } from './url-template';

/** Most characters of a response handed to the model. */
export const MAX_RESPONSE_CHARS = 100_000;
const MAX_ERROR_DETAIL_CHARS = 300;

/** What custom tools need from the app. */
export interface CustomToolRuntime {
  /** The sandbox JavaScript tools run in (default: the app's, created on first use). */
  sandbox?: () => SandboxRunner | Promise<SandboxRunner>;
  /**
   * Looks up secret values when a request is sent, for its origin only. Without it, `{{secret:ID}}`
   * placeholders go out as they are, for the network door to fill in.
   */
  resolveSecret?: ResolveSecret;
}

/** What an HTTP tool answers. */
export interface HttpToolResult {
  status: number;
  /** Parsed JSON when the server answered JSON, else text; absent when the body was empty. */
  body?: unknown;
  truncated?: true;
}

const defaultSandbox = async (): Promise<SandboxRunner> => (await import('../sandbox/default-sandbox')).defaultSandbox();

async function fillSecrets(headers: Record<string, string>, origin: string, resolveSecret: ResolveSecret): Promise<Record<string, string>> {
  const filled: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const values = new Map<string, string>();
    for (const id of placeholderIds(value)) {
      const secret = await resolveSecret(id, origin);
      if (secret === undefined || secret === '') {
        throw new TabagentError('config', `The secret "${id}" is not set, or not granted to ${origin}. Set its value in the tool editor on the Tools page.`, {
          data: { secret: id, origin },
        });
      }
      if (/[\r\n\0]/.test(secret)) throw new TabagentError('config', `The secret "${id}" contains a line break and cannot go into a header.`);
      values.set(id, secret);
    }
    filled[name] = replacePlaceholders(value, (id) => values.get(id));
  }
  return filled;
}

async function readBody(response: Response): Promise<HttpToolResult> {
  const raw = await response.text();
  const truncated = raw.length > MAX_RESPONSE_CHARS;
  const text = truncated ? raw.slice(0, MAX_RESPONSE_CHARS) : raw;
  if (text === '') return { status: response.status };
  if (/json/i.test(response.headers.get('content-type') ?? '') && !truncated) {
    try {
      return { status: response.status, body: JSON.parse(text) as unknown };
    } catch {
      // Declared JSON but is not: the text is passed on.
    }
  }
  return { status: response.status, body: text, ...(truncated ? { truncated: true as const } : {}) };
}

function httpTool(name: string, template: HttpImplementation, runtime: CustomToolRuntime): { implementation: ToolImplementation; preview: ToolPreview } {
  const split = splitUrlTemplate(template.url);
  const origin = 'problem' in split ? '' : split.origin;
  const implementation = async (args: Record<string, unknown>, context: ToolContext): Promise<HttpToolResult> => {
    const request = buildHttpRequest(template, args);
    const usesSecrets = Object.values(request.headers).some((value) => placeholderIds(value).length > 0);
    const headers = runtime.resolveSecret ? await fillSecrets(request.headers, origin, runtime.resolveSecret) : request.headers;
    let response: Response;
    try {
      response = await context.fetch(request.url, {
        method: request.method,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: context.signal,
        // A redirect could carry a secret header to another origin.
        redirect: usesSecrets ? 'error' : 'follow',
        credentials: 'omit',
      });
    } catch (error) {
      if (context.signal.aborted || TabagentError.is(error)) throw error;
      // No answer: the host and what to do, in the person's language (core/network-errors.ts).
      const classified = classifyFetchFailure(error, 'tool', origin, name);
      if (TabagentError.is(classified)) throw classified;
      // Anything else (a header fetch refused) keeps its reason in the message, which the executor scrubs of secrets.
      const reason = error instanceof Error ? error.message : String(error);
      throw new TabagentError('network', `Tool ${name} could not reach ${origin}: ${reason}`, { isRetryable: true, data: { ...networkErrorData('tool', origin, name) } });
    }
    const result = await readBody(response);
    if (!response.ok) {
      const detail = typeof result.body === 'string' ? result.body : result.body === undefined ? '' : JSON.stringify(result.body);
      const shown = detail.trim().slice(0, MAX_ERROR_DETAIL_CHARS);
      throw errorFromStatus(response.status, `${origin} answered HTTP ${response.status}${shown ? `: ${shown}` : '.'}`);
    }
    return result;
  };
  // The confirmation shows exactly this request, secrets as placeholders; the executor then lets
  // the call send only it.
  const preview: ToolPreview = (args) => [buildHttpRequest(template, args)];
  return { implementation, preview };
}

function javaScriptTool(template: JavaScriptImplementation, runtime: CustomToolRuntime): ToolImplementation {
  const source = runtime.sandbox ?? defaultSandbox;
  return async (args, context) => {
    const [{ runSandboxedCode }, runner] = await Promise.all([import('../sandbox/run-code'), source()]);
    // Arguments passed schema validation and a JSON copy, so they are JSON data.
    return runSandboxedCode(runner, template.code, { args: args as never, signal: context.signal });
  };
}

/** A custom tool ready to register: its implementation and registration options. */
export interface CustomTool {
  implementation: ToolImplementation;
  options: Pick<RegisterOptions, 'preview'>;
}

/**
 * The implementation of a custom manifest (one with `implementation`), for `registry.register`.
 * Throws TabagentError('invalid-manifest') for a manifest without one.
 */
export function createCustomTool(manifest: Readonly<ToolManifest>, runtime: CustomToolRuntime = {}): CustomTool {
  const template = manifest.implementation;
  if (!template) {
    throw new TabagentError('invalid-manifest', `Tool ${manifest.name} has no implementation: a custom tool needs an HTTP request template or JavaScript code.`);
  }
  if (template.type === 'javascript') return { implementation: javaScriptTool(template, runtime), options: {} };
  const { implementation, preview } = httpTool(manifest.name, template, runtime);
  return { implementation, options: { preview } };
}
