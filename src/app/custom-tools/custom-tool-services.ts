import type { ToolResult } from '../../core/tool-runner';
import type { TabagentDb } from '../../store';
import type { ToolManifest } from '../../tools/manifest';

/** A saved custom tool that could not be loaded, and why. */
export interface CustomToolLoadProblem {
  name: string;
  message: string;
}

export interface SaveCustomToolOptions {
  /** The tool's name before this edit (when renamed, its old record goes). */
  previousName?: string;
  /** Replace a custom tool of the same name (an import the person chose to replace with); otherwise that is refused. */
  replace?: boolean;
  /** Secret id → value typed in the editor; stored for the tool's origin only, never in the manifest. */
  secretValues?: Record<string, string>;
}

export interface TestCustomToolOptions {
  signal?: AbortSignal;
  /** Secret values typed but not saved yet; stored ones are used for the rest. */
  secretValues?: Record<string, string>;
}

/**
 * Custom tools for the editor: saved in the `tools` store (source `custom`), registered in the
 * agent's registry, testable before saving. The real one is `createCustomToolServices`.
 */
export interface CustomToolServices {
  /** Registers the saved custom tools (once; later calls wait for the first). Resolves with those that failed to load. */
  start(openDatabase: () => Promise<TabagentDb>): Promise<CustomToolLoadProblem[]>;
  /** The saved custom tools, by name. */
  list(): Promise<ToolManifest[]>;
  /** Names a custom tool may not take: built-in, MCP and OpenAPI tools. */
  reservedNames(): string[];
  /** Validates, stores and registers a tool (replacing one of the same name). Throws TabagentError. */
  save(manifest: ToolManifest, options?: SaveCustomToolOptions): Promise<Readonly<ToolManifest>>;
  /** Deletes a custom tool and takes it out of the registry. */
  remove(name: string): Promise<void>;
  /** Runs a (possibly unsaved) tool once, exactly as the agent would; the click is the approval. */
  test(manifest: ToolManifest, args: Record<string, unknown>, options?: TestCustomToolOptions): Promise<ToolResult>;
  /** For each secret id: whether a value is stored and granted to `origin`. */
  secretStatus(ids: readonly string[], origin: string): Promise<Record<string, boolean>>;
}
