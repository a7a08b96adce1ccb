import { abortedError, TabagentError, isAbortError, toTabagentError } from '../core/errors';
import { valueContainsPlaceholder } from '../core/secret-placeholder';
import type {
  ApprovalDetails,
  ApprovalReason,
  ExecuteOptions,
  RequestPreview,
  ToolResult,
  ToolRunner,
  ToolTraits,
  ValidationOutcome,
} from '../core/tool-runner';
import type { ToolCall, ToolDefinition } from '../core/types';
import { raceAbort } from '../core/abort';
import { NotJsonDataError, freezeCall } from './frozen-copy';
import { guardFetch } from './origin-guard';
import { allowedOriginsOf, type RegisteredTool, type ToolRegistry } from './registry';
import { displayPreview, guardPreview, type DescribeSecret } from './request-preview';
import { ArgumentValidator } from './validator';

export interface ToolExecutorOptions {
  /** Longest a tool may run before it is stopped (default 30 s). Approval waits do not count. */
  timeoutMs?: number;
  /** The fetch tools get, wrapped so each reaches only its allowed origins (default: global fetch). */
  fetch?: typeof fetch;
  /**
   * The fetch one tool gets (before the origin guard), when each tool's requests should be told
   * apart: the network door's `as('tool:<name>')` records the tool as the requester. Wins over `fetch`.
   */
  fetchFor?: (toolName: string) => typeof fetch;
  /** Clock for `durationMs` (default `performance.now`). */
  now?: () => number;
  /** Names a secret in confirmations (`‹secret: label›`); the network door's secret list provides it. */
  describeSecret?: DescribeSecret;
  /**
   * Scrubs every result and error text before the model sees it (the network door's `redact`
   * removes secret values a server may have echoed). Default: unchanged.
   */
  redactOutput?: (text: string) => string;
}

/** Tool kinds whose calls send their arguments to a server. */
const NETWORK_KINDS: ReadonlySet<string> = new Set(['http', 'openapi', 'mcp', 'model-api']);

/** Traits of a registered tool, for the loop's confirmation policy. */
function traitsOfTool(tool: RegisteredTool | undefined): ToolTraits {
  // Unknown tools: when in doubt, ask.
  if (!tool) return { sideEffects: true, sendsData: true, trustedOutput: false };
  const { manifest } = tool;
  const sendsData = allowedOriginsOf(tool).length > 0 || NETWORK_KINDS.has(manifest.kind);
  // Only a built-in that cannot reach the network may vouch for its own output.
  const trustedOutput = manifest.trustedOutput === true && manifest.kind === 'builtin' && !sendsData;
  return { sideEffects: manifest.sideEffects, sendsData, trustedOutput };
}

function placeholderRefusal(name: string): TabagentError {
  return new TabagentError(
    'invalid-arguments',
    `Invalid arguments for ${name}: arguments may not contain secret placeholders ({{secret:…}}). Secrets are added by the app where a tool needs them, never written by the model.`,
  );
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_LISTED_TOOLS = 50;

function errorResult(error: TabagentError, durationMs: number): ToolResult {
  return { content: JSON.stringify({ error: error.message }), isError: true, error, durationMs };
}

function stopped(name: string): TabagentError {
  return abortedError(`Tool ${name} was stopped.`);
}

function serialise(name: string, value: unknown): string {
  if (typeof value === 'string') return value;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TabagentError('tool-failed', `Tool ${name} returned a value that cannot be turned into JSON: ${reason}`);
  }
  return text ?? 'null';
}

/**
 * The tool library's implementation of the core `ToolRunner`. For each call it looks the tool
 * up (enabled tools only), freezes a copy of the call, validates the arguments, asks approval
 * for side-effecting tools, and runs exactly that frozen copy with a timeout and the caller's
 * abort signal. Every failure comes back as an error result; `execute` never throws.
 * Running several calls at once is the caller's choice; the executor keeps no per-call state.
 */
export function createToolExecutor(registry: ToolRegistry, options: ToolExecutorOptions = {}): ToolRunner {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => performance.now());
  // Looked up per request rather than bound once, so tests and polyfills that replace
  // globalThis.fetch later are honoured, and browsers do not see a detached `fetch` call.
  const baseFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const validator = new ArgumentValidator();
  const redactOutput = options.redactOutput ?? ((text: string) => text);
  registry.subscribe(() => validator.prune((name) => registry.has(name)));

  function lookup(name: unknown): RegisteredTool | TabagentError {
    const tool = typeof name === 'string' && registry.isEnabled(name) ? registry.get(name) : undefined;
    if (tool) return tool;
    const shownName = JSON.stringify(String(name).slice(0, 100));
    const available = registry.enabledNames();
    const listed = available.slice(0, MAX_LISTED_TOOLS).join(', ');
    const more = available.length > MAX_LISTED_TOOLS ? ` and ${available.length - MAX_LISTED_TOOLS} more` : '';
    const message =
      available.length === 0
        ? `Unknown tool ${shownName}. No tools are available.`
        : `Unknown tool ${shownName}. Available tools: ${listed}${more}.`;
    return new TabagentError('unknown-tool', message, { data: { name: String(name).slice(0, 100), available } });
  }

  async function askApproval(
    call: Readonly<ToolCall>,
    executeOptions: ExecuteOptions,
    details: ApprovalDetails,
  ): Promise<TabagentError | undefined> {
    const { approve, signal } = executeOptions;
    if (!approve) {
      return new TabagentError(
        'denied',
        `Tool ${call.name} needs the user's approval for each call, and no one could be asked. It was not run.`,
      );
    }
    let decision: unknown;
    try {
      const asking = Promise.resolve().then(() => approve(call, signal ?? new AbortController().signal, details));
      decision = await raceAbort(asking, signal);
    } catch (error) {
      if (signal?.aborted || isAbortError(error)) return stopped(call.name);
      const reason = error instanceof Error ? error.message : String(error);
      return new TabagentError('denied', `Tool ${call.name} was not run: asking for approval failed (${reason}).`, {
        cause: error,
      });
    }
    if (signal?.aborted) return stopped(call.name);
    // Only an explicit 'allow' runs the tool; anything else is a refusal.
    if (decision !== 'allow') return new TabagentError('denied', `The user declined to run ${call.name}. It was not run.`);
    return undefined;
  }

  /** The requests the call will make, when the tool can tell; a failing preview shows none. */
  async function previewOf(tool: RegisteredTool, call: Readonly<ToolCall>): Promise<RequestPreview[] | undefined> {
    if (!tool.preview) return undefined;
    try {
      const previews = await tool.preview(call.arguments);
      return previews.map((preview) => Object.freeze({ ...preview, ...(preview.headers ? { headers: { ...preview.headers } } : {}) }));
    } catch {
      return undefined;
    }
  }

  async function run(
    tool: RegisteredTool,
    call: Readonly<ToolCall>,
    signal: AbortSignal | undefined,
    approvedRequests: readonly RequestPreview[] | undefined,
  ): Promise<unknown> {
    const name = tool.manifest.name;
    const controller = new AbortController();
    const forward = () => controller.abort(stopped(name));
    if (signal?.aborted) forward();
    else signal?.addEventListener('abort', forward, { once: true });
    const timer = setTimeout(() => {
      controller.abort(new TabagentError('timeout', `Tool ${name} did not finish within ${timeoutMs / 1000} s and was stopped.`));
    }, timeoutMs);
    const originGuarded = guardFetch(options.fetchFor?.(name) ?? baseFetch, name, () => allowedOriginsOf(tool));
    // After the person approved exact requests, the call may send those and nothing else.
    const toolFetch = approvedRequests ? guardPreview(originGuarded, name, approvedRequests) : originGuarded;
    const context = { signal: controller.signal, fetch: toolFetch };
    try {
      const running = Promise.resolve().then(() => tool.implementation(call.arguments, context));
      return await raceAbort(running, controller.signal);
    } catch (error) {
      // Once we stopped the tool, our reason (timeout or stop) is the truth, whatever it threw.
      if (controller.signal.aborted && TabagentError.is(controller.signal.reason)) throw controller.signal.reason;
      if (TabagentError.is(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new TabagentError('tool-failed', reason || `Tool ${name} failed.`, { cause: error, data: { tool: name } });
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }
  }

  async function execute(call: ToolCall, executeOptions: ExecuteOptions = {}): Promise<ToolResult> {
    let started = now();
    const elapsed = () => Math.max(0, now() - started);
    try {
      const { signal } = executeOptions;
      const tool = lookup(call.name);
      if (TabagentError.is(tool)) return errorResult(tool, elapsed());
      let frozen: Readonly<ToolCall>;
      try {
        frozen = freezeCall(call);
      } catch (error) {
        if (!(error instanceof NotJsonDataError)) throw error;
        return errorResult(new TabagentError('invalid-arguments', `Invalid arguments for ${tool.manifest.name}: ${error.message}`), elapsed());
      }
      const outcome = validator.validate(tool.manifest.name, tool.manifest.parameters, frozen.arguments);
      if (!outcome.ok) return errorResult(new TabagentError('invalid-arguments', outcome.message), elapsed());
      if (valueContainsPlaceholder(frozen.arguments)) return errorResult(placeholderRefusal(tool.manifest.name), elapsed());
      if (signal?.aborted) return errorResult(stopped(tool.manifest.name), elapsed());
      const reasons: ApprovalReason[] = [];
      if (tool.manifest.sideEffects) reasons.push('side-effects');
      if (executeOptions.confirm) reasons.push(executeOptions.confirm.reason);
      let approvedRequests: RequestPreview[] | undefined;
      if (reasons.length > 0) {
        approvedRequests = await previewOf(tool, frozen);
        const details: ApprovalDetails = { reasons, destinations: allowedOriginsOf(tool) };
        if (approvedRequests) details.requests = approvedRequests.map((preview) => displayPreview(preview, options.describeSecret));
        if (executeOptions.confirm) details.untrustedSources = [...executeOptions.confirm.sources];
        const refusal = await askApproval(frozen, executeOptions, details);
        if (refusal) return errorResult(refusal, elapsed());
        // The approved tool must still be the registered one: a swap while the person was
        // deciding would otherwise run code they never approved.
        if (registry.get(tool.manifest.name) !== tool || !registry.isEnabled(tool.manifest.name)) {
          return errorResult(
            new TabagentError('unknown-tool', `Tool ${tool.manifest.name} was removed or changed while waiting for approval. It was not run.`),
            elapsed(),
          );
        }
      }
      started = now();
      const value = await run(tool, frozen, signal, approvedRequests);
      return { content: redactOutput(serialise(tool.manifest.name, value)), isError: false, durationMs: elapsed() };
    } catch (error) {
      return errorResult(scrubError(toTabagentError(error, 'tool-failed')), elapsed());
    }
  }

  /** The error with its message scrubbed (a server may echo a secret into it). */
  function scrubError(error: TabagentError): TabagentError {
    const message = redactOutput(error.message);
    if (message === error.message) return error;
    return new TabagentError(error.code, message, { data: error.data, isRetryable: error.isRetryable });
  }

  return {
    definitions(): ToolDefinition[] {
      return registry.definitions();
    },
    requiresApproval(name: string): boolean {
      // Unknown tools count as needing approval: when in doubt, ask.
      return registry.get(name)?.manifest.sideEffects ?? true;
    },
    traits(name: string): ToolTraits {
      return traitsOfTool(registry.get(name));
    },
    validate(name: string, args: Record<string, unknown>): ValidationOutcome {
      const tool = lookup(name);
      if (TabagentError.is(tool)) return { ok: false, message: tool.message };
      const outcome = validator.validate(tool.manifest.name, tool.manifest.parameters, args);
      if (outcome.ok && valueContainsPlaceholder(args)) return { ok: false, message: placeholderRefusal(tool.manifest.name).message };
      return outcome;
    },
    execute,
  };
}
