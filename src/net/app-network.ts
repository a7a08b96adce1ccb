import { isPrivateOrigin } from '../tools/private-address';
import { secretPlaceholder } from '../core/secret-placeholder';
import { isStrictNetwork, type Settings, type TabagentDb } from '../store';
import { engineKindOf } from '../store/settings';
import { originOf } from '../tools/origins';
import type { ResolveSecret } from '../tools/secrets';
import { createNetworkDoor, type NetworkDoor } from './door';
import { installNetworkDoor } from './global';
import { MODEL_HUB_ORIGINS, type Granter } from './hub-origins';
import { createIdbLedgerStore } from './idb-ledger-store';
import { createNetworkLedger, type ReadableLedger, type StoredLedgerEntry } from './ledger';
import { createNetworkPolicy, originMatches, type Grant, type GrantingPolicy, type GrantSource } from './policy';
import { createSecretVault, type NewSecret, type SecretInfo, type SecretVault } from './secret-vault';
import type { SecretSource, SecretValue } from './types';

/** Ids of the secrets derived from the API key fields in Settings. */
export const ENGINE_KEY_SECRET = 'settings.engine.apiKey';
export const MODEL_API_KEY_SECRET = 'settings.modelApi.apiKey';

/** What the Network page (and the app shell) use. */
export interface NetworkServices {
  /** Connects the ledger and the secrets to the app's database. */
  start(openDatabase: () => Promise<TabagentDb>): Promise<void>;
  /** The settings now in force (strict mode, the engine's origin, API keys). */
  useSettings(settings: Settings): void;
  /** Recorded requests, newest first. */
  entries(limit?: number): Promise<StoredLedgerEntry[]>;
  /** Called after each change to the ledger; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  clear(): Promise<void>;
  /** Every secret, without values. */
  secrets(): Promise<SecretInfo[]>;
  addSecret(secret: NewSecret): Promise<SecretInfo>;
  removeSecret(id: string): Promise<void>;
  /** The origins granted now, and to whom. */
  grants(): Grant[];
  /** Grants origins until the returned function is called (a download, a connection the person started). */
  grant(origins: readonly string[], holder: string): () => void;
}

/** The whole network side of the app. */
export interface AppNetwork extends Granter {
  door: NetworkDoor;
  policy: GrantingPolicy;
  ledger: ReadableLedger;
  services: NetworkServices;
  /** The tools' seam: a placeholder for a secret granted to `origin`, never a value. */
  resolveSecret: ResolveSecret;
  /** `‹secret: label›` material for confirmations. */
  secretLabel(id: string): string | undefined;
  /** More grants computed from app state (enabled tools, connected MCP servers). */
  addGrantSource(source: GrantSource): void;
  /** Makes the door the page's global fetch; returns the undo. */
  install(): () => void;
}

export interface AppNetworkOptions {
  /** The fetch that really sends (default: the global fetch, captured now). */
  fetch?: typeof fetch;
  now?: () => number;
  appOrigin?: string;
}

function originsOf(url: string | undefined): string[] {
  const origin = url ? originOf(url.trim()) : undefined;
  return origin ? [origin] : [];
}

/** The engine's origin: the server's, or the custom model URL's for transformers.js. */
function engineGrants(settings: Settings): Grant[] {
  const kind = engineKindOf(settings);
  const url = kind === 'openai-compatible' ? settings.engine.baseUrl : kind === 'transformers' ? settings.engine.customModelUrl : undefined;
  // The person typed this address in Settings: a local server (Ollama, LM Studio) is meant.
  return originsOf(url).map((origin) => (isPrivateOrigin(origin) ? { origin, holder: 'engine', privateNetwork: true } : { origin, holder: 'engine' }));
}

/** The API keys typed into Settings, each granted to the origin it was typed for only. */
function settingsSecrets(settings: Settings): SecretValue[] {
  const found: SecretValue[] = [];
  if (engineKindOf(settings) === 'openai-compatible' && settings.engine.apiKey) {
    found.push({ id: ENGINE_KEY_SECRET, label: 'Engine API key (Settings)', value: settings.engine.apiKey, origins: originsOf(settings.engine.baseUrl) });
  }
  if (settings.modelApi.apiKey) {
    found.push({ id: MODEL_API_KEY_SECRET, label: 'Model API key (Settings)', value: settings.modelApi.apiKey, origins: originsOf(settings.modelApi.baseUrl) });
  }
  return found;
}

/**
 * Builds the app's network door: the policy (strict mode from Settings; grants for the configured
 * engine, enabled tools and temporary downloads), the ledger in IndexedDB and the secrets vault.
 * Nothing reaches IndexedDB before `services.start`; until then the ledger queues its writes and
 * only the Settings API keys are known.
 */
export function createAppNetwork(options: AppNetworkOptions = {}): AppNetwork {
  let settings: Settings | undefined;
  let provideDatabase: (open: () => Promise<TabagentDb>) => void = () => undefined;
  const opened = new Promise<() => Promise<TabagentDb>>((resolve) => {
    provideDatabase = resolve;
  });
  const database = async (): Promise<TabagentDb> => (await opened)();
  const derived = (): SecretValue[] => (settings ? settingsSecrets(settings) : []);
  let vault: SecretVault | undefined;
  let provideVault: (created: SecretVault) => void = () => undefined;
  // Secrets stored before `start` (a tool library starting at the same moment) wait for the vault.
  const vaultReady = new Promise<SecretVault>((resolve) => {
    provideVault = resolve;
  });
  // Before `start`, only the Settings keys exist; the vault takes over once the database is known.
  const secrets: SecretSource = {
    get ready() {
      return vault?.ready;
    },
    get: (id) => (vault ? vault.get(id) : derived().find((secret) => secret.id === id)),
    list: () => (vault ? vault.list() : derived()),
    refresh: async () => vault?.refresh(),
  };
  const sources: GrantSource[] = [() => (settings ? engineGrants(settings) : [])];
  const policy = createNetworkPolicy({
    strict: () => (settings ? isStrictNetwork(settings) : true),
    sources: [() => sources.flatMap((source) => [...source()])],
    advice: (origin) =>
      MODEL_HUB_ORIGINS.some((pattern) => originMatches(pattern, origin))
        ? 'Model files are fetched from here only while a download you started is running: open Models and download the model (or turn off strict mode on the Network page).'
        : undefined,
  });
  const ledger = createNetworkLedger(createIdbLedgerStore(database));
  const door = createNetworkDoor({
    policy,
    ledger,
    secrets,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.appOrigin ? { appOrigin: options.appOrigin } : {}),
  });

  const services: NetworkServices = {
    async start(openDatabase) {
      if (vault) return;
      provideDatabase(openDatabase);
      vault = createSecretVault({ database, derived });
      provideVault(vault);
      await vault.ready;
    },
    useSettings(next) {
      settings = next;
    },
    entries: (limit) => ledger.entries(limit),
    subscribe: (listener) => ledger.subscribe(listener),
    clear: () => ledger.clear(),
    async secrets() {
      if (!vault) return derived().map((secret) => ({ id: secret.id, label: secret.label, origins: [...secret.origins], createdAt: 0, fromSettings: true }));
      await vault.ready;
      return vault.infos();
    },
    async addSecret(secret) {
      return (vault ?? (await vaultReady)).add(secret);
    },
    async removeSecret(id) {
      await (vault ?? (await vaultReady)).remove(id);
    },
    grants: () => policy.grants(),
    grant: (origins, holder) => policy.grant(origins, holder),
  };

  return {
    door,
    policy,
    ledger,
    services,
    grant: (origins, holder) => policy.grant(origins, holder),
    async resolveSecret(secretId, origin) {
      if (vault) return vault.resolveSecret(secretId, origin);
      const secret = derived().find((candidate) => candidate.id === secretId);
      return secret && secret.origins.includes(origin) ? secretPlaceholder(secret.id) : undefined;
    },
    secretLabel: (id) => secrets.get(id)?.label,
    addGrantSource(source) {
      sources.push(source);
    },
    install: () => installNetworkDoor({ door, policy, ledger }),
  };
}

export { MODEL_HUB_ORIGINS };
