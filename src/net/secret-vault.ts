import { TabagentError } from '../core/errors';
import { secretPlaceholder } from '../core/secret-placeholder';
import type { SecretRecord, TabagentDb } from '../store';
import { isHttpOrigin } from '../tools/origins';
import type { ResolveSecret } from '../tools/secrets';
import type { SecretSource, SecretValue } from './types';

/** A secret as the UI may show it: never its value. */
export interface SecretInfo {
  id: string;
  label: string;
  origins: string[];
  createdAt: number;
  /** Derived from settings (an API key field), managed there rather than on the Network page. */
  fromSettings: boolean;
}

/** What the person types to add a secret. */
export interface NewSecret {
  label: string;
  value: string;
  origins: string[];
  /** Default: a random id. */
  id?: string;
}

export interface SecretVaultOptions {
  /** The app's database (the `secrets` store). */
  database: () => Promise<TabagentDb>;
  /** Secrets held elsewhere (API keys in settings), granted to their configured origin only. */
  derived?: () => readonly SecretValue[];
  createId?: () => string;
  now?: () => number;
}

/** The door's secret source, plus the management the Network page needs. */
export interface SecretVault extends SecretSource {
  /** Re-reads the `secrets` store (another part of the app may have written it). */
  refresh(): Promise<void>;
  /** Every secret, without values. */
  infos(): SecretInfo[];
  add(secret: NewSecret): Promise<SecretInfo>;
  remove(id: string): Promise<void>;
  /** `‹secret: label›` material: the label of a secret, or undefined. */
  labelOf(id: string): string | undefined;
  /**
   * The tools' `ResolveSecret` seam: a placeholder (`{{secret:ID}}`) when the secret exists and is
   * granted to `origin`, else undefined. The value itself stays here; the door substitutes it.
   */
  resolveSecret: ResolveSecret;
}

function toValue(record: SecretRecord): SecretValue {
  return { id: record.id, label: record.label, value: record.value, origins: [...record.origins] };
}

/**
 * Secrets in the `secrets` store, cached in memory for the door. Values are read only by the
 * door (for substitution and scrubbing); everything else gets labels, ids and placeholders.
 */
export function createSecretVault(options: SecretVaultOptions): SecretVault {
  const createId = options.createId ?? (() => `secret-${crypto.randomUUID()}`);
  const now = options.now ?? (() => Date.now());
  let stored: SecretRecord[] = [];
  const refresh = async (): Promise<void> => {
    try {
      stored = await (await options.database()).getAll('secrets');
    } catch {
      // Storage unavailable: keep what we had; unknown placeholders are then blocked.
    }
  };
  const ready = refresh();
  const derived = (): readonly SecretValue[] => {
    try {
      return options.derived?.() ?? [];
    } catch {
      return [];
    }
  };
  const list = (): SecretValue[] => [...derived(), ...stored.map(toValue)];
  const get = (id: string): SecretValue | undefined => list().find((secret) => secret.id === id);

  return {
    ready,
    list,
    get,
    refresh,
    infos() {
      const fromSettings = derived().map((secret) => ({ id: secret.id, label: secret.label, origins: [...secret.origins], createdAt: 0, fromSettings: true }));
      const own = stored.map((record) => ({ id: record.id, label: record.label, origins: [...record.origins], createdAt: record.createdAt, fromSettings: false }));
      return [...fromSettings, ...own];
    },
    async add(secret) {
      const label = secret.label.trim();
      const origins = [...new Set(secret.origins.map((origin) => origin.trim()).filter((origin) => origin !== ''))];
      if (label === '') throw new TabagentError('config', 'Give the secret a label, so you can recognise it without seeing its value.');
      if (secret.value === '') throw new TabagentError('config', 'The secret has no value.');
      const bad = origins.find((origin) => !isHttpOrigin(origin));
      if (bad !== undefined) {
        throw new TabagentError('config', `"${bad}" is not an origin: give scheme, host and port only, like https://api.example.com.`);
      }
      if (origins.length === 0) throw new TabagentError('config', 'Name at least one origin the secret may be sent to.');
      const record: SecretRecord = { id: secret.id ?? createId(), label, value: secret.value, origins, createdAt: now() };
      await (await options.database()).put('secrets', record);
      stored = [...stored.filter((existing) => existing.id !== record.id), record];
      return { id: record.id, label, origins, createdAt: record.createdAt, fromSettings: false };
    },
    async remove(id) {
      await (await options.database()).delete('secrets', id);
      stored = stored.filter((record) => record.id !== id);
    },
    labelOf(id) {
      return get(id)?.label;
    },
    async resolveSecret(secretId, origin) {
      await ready;
      let secret = get(secretId);
      if (!secret) {
        await refresh();
        secret = get(secretId);
      }
      return secret && secret.origins.includes(origin) ? secretPlaceholder(secret.id) : undefined;
    },
  };
}
