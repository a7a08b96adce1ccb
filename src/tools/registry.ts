import { TabagentError } from '../core/errors';
import type { NestedRun, RequestPreview, ToolProgress } from '../core/tool-runner';
import type { ChatEngine } from '../core/types';
import type { ToolDefinition } from '../core/types';
import { deepCopyJson, deepFreeze } from './frozen-copy';
import { isSafeToolName, toDefinition, validateManifest, type ToolManifest } from './manifest';

/** What a running tool gets besides its arguments. */
export interface ToolContext {
  /** Fires on user stop or timeout; long work should stop and fetches pass it on. */
  signal: AbortSignal;
  /** The only way a tool reaches the network; it refuses origins the tool was not granted. */
  fetch: typeof fetch;
  /** Lent by the calling run to a tool that runs another agent (an agent called as a tool); absent outside a run. */
  nested?: NestedToolRun;
  /** Reports how far the call has got (shown in its card while it runs); absent where nobody listens. */
  progress?: (report: ToolProgress) => void;
  /** The calling run's engine (an MCP server's sampling request during the call runs on it); absent outside a run. */
  engine?: ChatEngine;
}

/** The calling run's loan to a tool that runs an agent, plus where it says what that run used. */
export interface NestedToolRun extends NestedRun {
  /** The nested run's model steps and the outside text it read, charged to the calling run. */
  settle(usage: { steps: number; untrustedSources: readonly string[] }): void;
}

/**
 * Runs a tool. `args` passed schema validation and is deeply frozen. The result is
 * JSON-serialised for the model; a string is passed on as it is. Throwing is how a tool fails.
 */
export type ToolImplementation = (args: Record<string, unknown>, context: ToolContext) => Promise<unknown>;

/**
 * The exact requests a call will make, built from its (validated, frozen) arguments the same way
 * the implementation builds them, with secret placeholders (`{{secret:ID}}`) where values go.
 * Shown in the confirmation; once approved, the call may send only these requests.
 */
export type ToolPreview = (args: Record<string, unknown>) => RequestPreview[] | Promise<RequestPreview[]>;

export interface RegisterOptions {
  /** Whether the model may see and call the tool (default true). */
  enabled?: boolean;
  /** Replace a tool of the same name instead of refusing (default false). */
  replace?: boolean;
  /**
   * Origins granted at run time in addition to the manifest's (e.g. from the user's settings),
   * read on every request so a settings change applies to the next call.
   */
  origins?: () => readonly string[];
  /** What the call will send where, for the confirmation (HTTP, OpenAPI and model-API tools). */
  preview?: ToolPreview;
  /** This tool's own time limit (ms) instead of the executor's (an agent called as a tool runs a whole loop). */
  timeoutMs?: number;
}

/** A registered tool. Entries are immutable; a new registration makes a new entry. */
export interface RegisteredTool {
  readonly manifest: Readonly<ToolManifest>;
  readonly implementation: ToolImplementation;
  readonly origins?: () => readonly string[];
  readonly preview?: ToolPreview;
  readonly timeoutMs?: number;
}

/** Called after any change (register, unregister, enable, disable). */
export type RegistryListener = () => void;

/**
 * Holds manifests and implementations by name. Lookups go through a Map, never a plain object,
 * so names such as `constructor` or `__proto__` are simply unknown rather than found on
 * `Object.prototype`.
 */
export class ToolRegistry {
  readonly #tools = new Map<string, RegisteredTool>();
  readonly #disabled = new Set<string>();
  readonly #listeners = new Set<RegistryListener>();

  /**
   * Validates and adds a tool. The manifest is copied and frozen, so changing the object passed
   * in (say, flipping `sideEffects`) afterwards changes nothing. Throws 'invalid-manifest'.
   */
  register(manifest: ToolManifest, implementation: ToolImplementation, options: RegisterOptions = {}): Readonly<ToolManifest> {
    return this.#add(deepFreeze(validateManifest(manifest)), implementation, options);
  }

  /**
   * Adds a built-in tool: its manifest is part of the app's source and is validated by the tests
   * (tests/unit/tools/public-manifests.test.ts), so start-up copies and freezes it without
   * compiling its JSON Schemas. Manifests that come from data (imports, MCP servers, custom
   * tools, stored records) always go through `register`.
   */
  registerBuiltin(manifest: ToolManifest, implementation: ToolImplementation, options: RegisterOptions = {}): Readonly<ToolManifest> {
    if (!isSafeToolName(manifest.name)) throw new TabagentError('invalid-manifest', `Built-in tool name ${JSON.stringify(manifest.name)} is not allowed.`);
    return this.#add(deepFreeze(deepCopyJson(manifest)), implementation, options);
  }

  #add(checked: Readonly<ToolManifest>, implementation: ToolImplementation, options: RegisterOptions): Readonly<ToolManifest> {
    if (typeof implementation !== 'function') {
      throw new TabagentError('invalid-manifest', `Tool ${checked.name} has no implementation function.`);
    }
    if (this.#tools.has(checked.name) && !options.replace) {
      throw new TabagentError('invalid-manifest', `A tool named ${checked.name} is already registered.`, {
        data: { name: checked.name },
      });
    }
    this.#tools.set(checked.name, {
      manifest: checked,
      implementation,
      ...(options.origins ? { origins: options.origins } : {}),
      ...(options.preview ? { preview: options.preview } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    if (options.enabled === false) this.#disabled.add(checked.name);
    else this.#disabled.delete(checked.name);
    this.#notify();
    return checked;
  }

  /** Removes a tool; returns whether it was there. */
  unregister(name: string): boolean {
    const removed = this.#tools.delete(name);
    this.#disabled.delete(name);
    if (removed) this.#notify();
    return removed;
  }

  /** The registered tool of that name, enabled or not. */
  get(name: string): RegisteredTool | undefined {
    return typeof name === 'string' ? this.#tools.get(name) : undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** All manifests, in registration order. */
  list(): Readonly<ToolManifest>[] {
    return [...this.#tools.values()].map((tool) => tool.manifest);
  }

  isEnabled(name: string): boolean {
    return this.has(name) && !this.#disabled.has(name);
  }

  /** Turns a tool on or off for the model; returns false for an unknown tool. */
  setEnabled(name: string, enabled: boolean): boolean {
    if (!this.has(name)) return false;
    const changed = enabled ? this.#disabled.delete(name) : !this.#disabled.has(name);
    if (!enabled) this.#disabled.add(name);
    if (changed) this.#notify();
    return true;
  }

  /** Manifests of the enabled tools. */
  listEnabled(): Readonly<ToolManifest>[] {
    return this.list().filter((manifest) => !this.#disabled.has(manifest.name));
  }

  /** Names of the enabled tools. */
  enabledNames(): string[] {
    return this.listEnabled().map((manifest) => manifest.name);
  }

  /** Enabled tools as the model sees them. */
  definitions(): ToolDefinition[] {
    return this.listEnabled().map(toDefinition);
  }

  /** Origins a tool may contact now: its manifest's plus any granted at run time. */
  allowedOrigins(name: string): string[] {
    const tool = this.get(name);
    return tool ? allowedOriginsOf(tool) : [];
  }

  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: RegistryListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

/** Origins a registered tool may contact now: its manifest's plus any granted at run time. */
export function allowedOriginsOf(tool: RegisteredTool): string[] {
  return [...new Set([...tool.manifest.allowedOrigins, ...(tool.origins?.() ?? [])])];
}
