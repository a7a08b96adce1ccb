import { TabagentError, toTabagentError, abortedError } from '../core/errors';
import { askApproval } from '../core/agent/approval';
import { valueContainsPlaceholder } from '../core/secret-placeholder';
import { isOutputWithImages } from '../core/tool-runner';
import type {
  ApprovalDetails,
  ApprovalReason,
  CallTarget,
  ExecuteOptions,
  PreparedCall,
  PrepareOutcome,
  RequestPreview,
  RunPreparedOptions,
  ToolProgress,
  ToolResult,
  ToolRunner,
  ToolTraits,
  ValidationOutcome,
} from '../core/tool-runner';
import type { ToolCall, ToolDefinition } from '../core/types';
import { raceAbort } from '../core/abort';
import { NotJsonDataError, freezeCall } from './frozen-copy';
import { guardFetch } from './origin-guard';
import { allowedOriginsOf, type NestedToolRun, type RegisteredTool, type ToolContext, type ToolRegistry } from './registry';
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
 * The tool library's implementation of the core `ToolRunner`. `prepare` looks the tool up
 * (enabled tools only), freezes a copy of the call and checks it once (schema, no secret
 * placeholders); `run` runs exactly that frozen copy, at most once, with a timeout and the
 * caller's abort signal, refusing a side-effecting call that was not approved. Whether a call
 * needs approval is the loop's decision (`core/agent/approval.ts`); `execute` does all three for
 * callers outside the loop. Every failure comes back as an error result; nothing throws.
 * Running several calls at once is the caller's choice.
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
    loans: Pick<ToolContext, 'nested' | 'progress' | 'engine'>,
  ): Promise<unknown> {
    const name = tool.manifest.name;
    const controller = new AbortController();
    const forward = () => controller.abort(stopped(name));
    if (signal?.aborted) forward();
    else signal?.addEventListener('abort', forward, { once: true });
    const limitMs = tool.timeoutMs ?? timeoutMs;
    const timer = setTimeout(() => {
      controller.abort(new TabagentError('timeout', `Tool ${name} did not finish within ${limitMs / 1000} s and was stopped.`));
    }, limitMs);
    const originGuarded = guardFetch(options.fetchFor?.(name) ?? baseFetch, name, () => allowedOriginsOf(tool));
    // After the person approved exact requests, the call may send those and nothing else.
    const toolFetch = approvedRequests ? guardPreview(originGuarded, name, approvedRequests) : originGuarded;
    // A report after the call ended (stopped, timed out) would show progress on a finished card.
    const progress = loans.progress;
    let ended = false;
    const report = progress && ((update: ToolProgress) => void (ended || controller.signal.aborted || progress(update)));
    const context: ToolContext = {
      signal: controller.signal,
      fetch: toolFetch,
      ...(loans.nested ? { nested: loans.nested } : {}),
      ...(report ? { progress: report } : {}),
      ...(loans.engine ? { engine: loans.engine } : {}),
    };
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
      ended = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }
  }

  /**
   * Prepared calls this executor issued and has not run yet. A WeakMap keyed by the handle: a
   * forged handle, or one that already ran (a replayed approval), finds nothing and is refused.
   */
  const issued = new WeakMap<PreparedCall, { tool: RegisteredTool; previews?: Promise<RequestPreview[] | undefined> }>();

  function prepare(call: ToolCall): PrepareOutcome {
    const refuse = (error: TabagentError): PrepareOutcome => ({ ok: false, message: error.message, error });
    const tool = lookup(call.name);
    if (TabagentError.is(tool)) return refuse(tool);
    const name = tool.manifest.name;
    let frozen: Readonly<ToolCall>;
    try {
      frozen = freezeCall(call);
    } catch (error) {
      if (!(error instanceof NotJsonDataError)) throw error;
      return refuse(new TabagentError('invalid-arguments', `Invalid arguments for ${name}: ${error.message}`));
    }
    const outcome = validator.validate(name, tool.manifest.parameters, frozen.arguments);
    if (!outcome.ok) return refuse(new TabagentError('invalid-arguments', outcome.message));
    if (valueContainsPlaceholder(frozen.arguments)) return refuse(placeholderRefusal(name));
    const entry: { tool: RegisteredTool; previews?: Promise<RequestPreview[] | undefined> } = { tool };
    const prepared: PreparedCall = Object.freeze({
      call: frozen,
      async target(): Promise<CallTarget> {
        // Computed once: the requests shown are the ones the approved call may send.
        entry.previews ??= previewOf(tool, frozen);
        const previews = await entry.previews;
        const target: CallTarget = { destinations: allowedOriginsOf(tool) };
        if (previews) target.requests = previews.map((preview) => displayPreview(preview, options.describeSecret));
        return target;
      },
    });
    issued.set(prepared, entry);
    return { ok: true, prepared };
  }

  async function runPrepared(prepared: PreparedCall, runOptions: RunPreparedOptions = {}): Promise<ToolResult> {
    const started = now();
    const elapsed = () => Math.max(0, now() - started);
    const { signal, approved = false } = runOptions;
    // What a nested agent run used (steps, outside text) is charged to the caller, failed or not.
    let used: { steps: number; untrustedSources: readonly string[] } | undefined;
    const nestedLoan: NestedToolRun | undefined = runOptions.nested && { ...runOptions.nested, settle: (usage) => (used = usage) };
    const usedByNested = (): Pick<ToolResult, 'nestedSteps' | 'untrustedSources'> =>
      used ? { nestedSteps: used.steps, ...(used.untrustedSources.length > 0 ? { untrustedSources: [...used.untrustedSources] } : {}) } : {};
    const entry = issued.get(prepared);
    const name = prepared.call.name;
    try {
      if (!entry) {
        const message = `Tool ${name} was not run: this call was not prepared here, or it already ran (an approval counts once).`;
        return errorResult(new TabagentError('denied', message), elapsed());
      }
      issued.delete(prepared);
      const { tool } = entry;
      if (signal?.aborted) return errorResult(stopped(name), elapsed());
      if (tool.manifest.sideEffects && !approved) {
        return errorResult(new TabagentError('denied', `Tool ${name} needs the user's approval for each call, and it was not given. It was not run.`), elapsed());
      }
      // The approved tool must still be the registered one: a swap while the person was
      // deciding would otherwise run code they never approved.
      if (registry.get(name) !== tool || !registry.isEnabled(name)) {
        return errorResult(new TabagentError('unknown-tool', `Tool ${name} was removed or changed while waiting for approval. It was not run.`), elapsed());
      }
      // After the person approved exact requests, the call may send those and nothing else.
      const approvedRequests = approved && entry.previews ? await entry.previews : undefined;
      const loans = {
        ...(nestedLoan ? { nested: nestedLoan } : {}),
        ...(runOptions.progress ? { progress: runOptions.progress } : {}),
        ...(runOptions.engine ? { engine: runOptions.engine } : {}),
      };
      const output = await run(tool, prepared.call, signal, approvedRequests, loans);
      // Images stay beside the text: base64 in the model's text would cost thousands of tokens.
      const value = isOutputWithImages(output) ? output.value : output;
      const images = isOutputWithImages(output) && output.images.length > 0 ? { images: output.images } : {};
      return { content: redactOutput(serialise(name, value)), isError: false, durationMs: elapsed(), ...images, ...usedByNested() };
    } catch (error) {
      return { ...errorResult(scrubError(toTabagentError(error, 'tool-failed')), elapsed()), ...usedByNested() };
    }
  }

  /** Prepare, ask where the tool has side effects (or `confirm` says so), run: for callers outside the loop. */
  async function execute(call: ToolCall, executeOptions: ExecuteOptions = {}): Promise<ToolResult> {
    const started = now();
    try {
      const outcome = prepare(call);
      if (!outcome.ok) return errorResult(outcome.error ?? new TabagentError('invalid-arguments', outcome.message), Math.max(0, now() - started));
      const { prepared } = outcome;
      const { signal, confirm } = executeOptions;
      const tool = issued.get(prepared)?.tool;
      const reasons: ApprovalReason[] = [];
      if (tool?.manifest.sideEffects) reasons.push('side-effects');
      if (confirm) reasons.push(confirm.reason);
      if (reasons.length === 0) return await runPrepared(prepared, signal ? { signal } : {});
      if (signal?.aborted) return errorResult(stopped(call.name), 0);
      const details: ApprovalDetails = { reasons, ...(await prepared.target()) };
      if (confirm) details.untrustedSources = [...confirm.sources];
      const answer = await askApproval(executeOptions.approve, prepared.call, signal, details);
      if (answer.decision !== 'allow') return errorResult(answer.error, Math.max(0, now() - started));
      return await runPrepared(prepared, { ...(signal ? { signal } : {}), approved: true });
    } catch (error) {
      return errorResult(scrubError(toTabagentError(error, 'tool-failed')), Math.max(0, now() - started));
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
    prepare,
    run: runPrepared,
    execute,
  };
}
