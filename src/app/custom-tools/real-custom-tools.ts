import { TabagentError } from '../../core/errors';
import type { TabagentDb } from '../../store';
import { createCustomTool, type CustomToolRuntime } from '../../tools/custom/custom-tool';
import { splitUrlTemplate } from '../../tools/custom/url-template';
import { createToolExecutor } from '../../tools/executor';
import { validateManifest, type ToolManifest } from '../../tools/manifest';
import { ToolRegistry } from '../../tools/registry';
import type { ResolveSecret } from '../../tools/secrets';
import type { SandboxRunner } from '../../tools/sandbox/types';
import { storedSecretResolver, storeSecret } from '../tools/stored-secrets';
import { deleteCustomToolRecord, listCustomToolRecords, putCustomToolRecord } from './custom-tool-records';
import type { CustomToolLoadProblem, CustomToolServices } from './custom-tool-services';

export interface CustomToolServicesOptions {
  /** The registry the agent's executor runs. */
  registry: ToolRegistry;
  /** The fetch a tool tested here sends through (default: the global one); the network door's `as('tool:<name>')`. */
  fetchFor?: (toolName: string) => typeof fetch;
  /**
   * Secret lookup for HTTP tools (default: values from the `secrets` store, for granted origins).
   * The network door's resolver returns placeholders instead, which only the door fills in.
   */
  resolveSecret?: ResolveSecret;
  /** Stores a secret value typed in the editor (default: straight into the `secrets` store); the door's vault has its own. */
  storeSecret?: (secret: { id: string; label: string; value: string; origins: string[] }) => Promise<void>;
  /** The sandbox JavaScript tools run in (default: the app's). */
  sandbox?: () => SandboxRunner | Promise<SandboxRunner>;
  now?: () => number;
}

function originOfTool(manifest: Pick<ToolManifest, 'implementation'>): string | undefined {
  const implementation = manifest.implementation;
  if (implementation?.type !== 'http') return undefined;
  const split = splitUrlTemplate(implementation.url);
  return 'problem' in split ? undefined : split.origin;
}

function customOnly(manifest: ToolManifest): ToolManifest {
  const checked = validateManifest(manifest);
  if (!checked.implementation) {
    throw new TabagentError('invalid-manifest', `Tool ${checked.name} has no implementation: give it an HTTP request or JavaScript code.`);
  }
  return checked;
}

/**
 * Custom tools over the agent's registry and IndexedDB. Secret values typed in the editor go to
 * the `secrets` store, granted to the tool's origin only; manifests hold only their ids.
 */
export function createCustomToolServices(options: CustomToolServicesOptions): CustomToolServices {
  const { registry } = options;
  const now = options.now ?? (() => Date.now());
  const fetchFor = options.fetchFor ?? (() => (input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  /** Names this service registered: the only registry entries it may replace or remove. */
  const customNames = new Set<string>();
  let openDatabase: (() => Promise<TabagentDb>) | undefined;
  let starting: Promise<CustomToolLoadProblem[]> | undefined;

  function database(): Promise<TabagentDb> {
    if (!openDatabase) return Promise.reject(new TabagentError('internal', 'Custom tools were not started.'));
    return openDatabase();
  }
  const storedSecrets = options.resolveSecret ?? storedSecretResolver(database);
  const putSecret =
    options.storeSecret ?? (async (secret: { id: string; label: string; value: string; origins: string[] }) => storeSecret(await database(), { ...secret, now: now() }));
  const runtime = (resolveSecret: ResolveSecret): CustomToolRuntime => ({ resolveSecret, ...(options.sandbox ? { sandbox: options.sandbox } : {}) });

  function isReserved(name: string): boolean {
    return registry.has(name) && !customNames.has(name);
  }

  function register(manifest: ToolManifest): void {
    const tool = createCustomTool(manifest, runtime(storedSecrets));
    registry.register(manifest, tool.implementation, { ...tool.options, replace: true });
    customNames.add(manifest.name);
  }

  async function load(): Promise<CustomToolLoadProblem[]> {
    const problems: CustomToolLoadProblem[] = [];
    for (const record of await listCustomToolRecords(await database())) {
      try {
        const manifest = customOnly(record.manifest);
        if (isReserved(manifest.name)) throw new TabagentError('invalid-manifest', `Another tool is already named ${manifest.name}; rename this one.`);
        register(manifest);
      } catch (error) {
        // One broken record must not keep the others out of the registry.
        problems.push({ name: record.name, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return problems;
  }

  /** Secret values typed in the editor: checked, then stored for the tool's origin. */
  async function storeSecretValues(db: TabagentDb, manifest: ToolManifest, values: Record<string, string>): Promise<void> {
    const entries = Object.entries(values).filter(([, value]) => value !== '');
    if (entries.length === 0) return;
    const origin = originOfTool(manifest);
    const declared = new Set((manifest.secrets ?? []).map((secret) => secret.name));
    if (!origin) throw new TabagentError('config', 'Only HTTP tools use secrets.');
    for (const [id] of entries) {
      if (!declared.has(id)) throw new TabagentError('config', `The secret "${id}" is not used by ${manifest.name}.`);
      const existing = await db.get('secrets', id);
      // A secret another site uses must not be overwritten from here (that would break it or leak it).
      if (existing && existing.origins.some((granted) => granted !== origin)) {
        throw new TabagentError('config', `The secret id "${id}" is already used for another site; choose a different id for this tool.`, {
          data: { secret: id },
        });
      }
    }
    for (const [id, value] of entries) await putSecret({ id, label: `${id} (${manifest.name})`, value, origins: [origin] });
  }

  return {
    start(open) {
      openDatabase ??= open;
      starting ??= load();
      return starting;
    },

    async list() {
      return (await listCustomToolRecords(await database())).map((record) => record.manifest);
    },

    reservedNames() {
      return registry
        .list()
        .map((manifest) => manifest.name)
        .filter((name) => !customNames.has(name));
    },

    async save(manifest, saveOptions = {}) {
      const checked = customOnly(manifest);
      if (isReserved(checked.name)) {
        throw new TabagentError('invalid-manifest', `The name ${checked.name} belongs to a built-in or imported tool; choose another.`, { data: { name: checked.name } });
      }
      const previous = saveOptions.previousName;
      // Saving over another custom tool happens only when the person chose to replace it.
      if (previous !== checked.name && !saveOptions.replace && customNames.has(checked.name)) {
        throw new TabagentError('invalid-manifest', `Another custom tool is already named ${checked.name}.`, { data: { name: checked.name } });
      }
      const db = await database();
      await storeSecretValues(db, checked, saveOptions.secretValues ?? {});
      await putCustomToolRecord(db, checked, now(), previous);
      if (previous !== undefined && previous !== checked.name && customNames.delete(previous)) registry.unregister(previous);
      register(checked);
      return registry.get(checked.name)?.manifest ?? checked;
    },

    async remove(name) {
      await deleteCustomToolRecord(await database(), name);
      if (customNames.delete(name)) registry.unregister(name);
    },

    async test(manifest, args, testOptions = {}) {
      const checked = customOnly(manifest);
      const typed = testOptions.secretValues ?? {};
      const origin = originOfTool(checked);
      // Typed values are used only for the tool's own origin, exactly as stored ones would be.
      const resolveSecret: ResolveSecret = async (id, requestOrigin) =>
        typed[id] && requestOrigin === origin ? typed[id] : openDatabase ? storedSecrets(id, requestOrigin) : undefined;
      const scratch = new ToolRegistry();
      const tool = createCustomTool(checked, runtime(resolveSecret));
      scratch.register(checked, tool.implementation, tool.options);
      const executor = createToolExecutor(scratch, { fetchFor });
      return executor.execute(
        { id: 'tool-editor-test', name: checked.name, arguments: args },
        { ...(testOptions.signal ? { signal: testOptions.signal } : {}), approve: async () => 'allow' },
      );
    },

    async secretStatus(ids, origin) {
      const db = await database();
      const status: Record<string, boolean> = {};
      for (const id of ids) {
        const record = await db.get('secrets', id);
        status[id] = record !== undefined && record.value !== '' && record.origins.includes(origin);
      }
      return status;
    },
  };
}
