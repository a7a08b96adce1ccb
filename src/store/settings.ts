/**
 * The person's settings: what is global — engines and their keys, the model API tool's endpoint,
 * which library tools are switched on, language, network policy. What one agent does (its
 * instructions, pinned tools, tools per turn) lives in its record (core/agent-definition.ts).
 * Plain data; persistence lives in `settings-repository.ts`.
 */

import { isRecord } from '../core/is-record';

/** How tool calls reach the model: natively in the request, or as text in one of our formats. */
export type SettingsToolMode = 'native' | 'hermes' | 'react' | 'modelscope';

/** Every tool mode, in the order the settings panel offers them. */
export const settingsToolModes: readonly SettingsToolMode[] = ['native', 'hermes', 'react', 'modelscope'];

/** Which engine answers: a server over HTTP, a model running in this tab, or the browser's own model ('builtin', Chrome's Prompt API). */
export type EngineKind = 'openai-compatible' | 'webllm' | 'transformers' | 'builtin';

/** Every engine kind, in the order the settings panel offers them. */
export const engineKinds: readonly EngineKind[] = ['openai-compatible', 'webllm', 'transformers', 'builtin'];

/** Where transformers.js runs a local model. */
export type LocalDevice = 'webgpu' | 'wasm';

/**
 * The engine settings. The local-model fields are optional so that settings saved before they
 * existed read back unchanged; an absent `kind` means 'openai-compatible' (see `engineKindOf`).
 */
export interface EngineSettings {
  /** Which engine answers (absent: 'openai-compatible'). */
  kind?: EngineKind;
  /** The local model: a web-llm model id, or a Hugging Face repo id for transformers.js. */
  localModelId?: string;
  /** transformers.js device (web-llm always uses WebGPU). */
  localDevice?: LocalDevice;
  /** transformers.js only: a base URL serving the model's files instead of the Hugging Face hub. */
  customModelUrl?: string;
  /** OpenAI-compatible base URL, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  model: string;
  /** Stored in this browser only; never logged or exported. */
  apiKey: string;
  toolMode: SettingsToolMode;
  /**
   * The server's model reads images ("This model accepts images"). Absent means yes: a server's
   * model cannot be known for sure, so the person switches it off for a text-only one.
   */
  acceptsImages?: boolean;
  /** The provider preset last chosen in the panel ('' when custom). */
  preset: string;
}

/** Configuration of the `model_api` tool (an external model API the agent may call). */
export interface ModelApiSettings {
  baseUrl: string;
  model: string;
  imageModel: string;
  /** Stored in this browser only; never logged or exported. */
  apiKey: string;
}

export interface Settings {
  engine: EngineSettings;
  /**
   * Tool name → on/off in the tool library (the Tools page's switches). A tool not listed is on.
   * Global on purpose: it is a security gate over every agent — a switched-off tool is offered by no
   * agent and its origins are not granted in strict mode, and switching a data-sending tool back on
   * is a trust change an imported backup must have confirmed (trust-changes.ts). Which tools one
   * agent offers is its own tool list, inside this gate.
   */
  enabledTools: Record<string, boolean>;
  modelApi: ModelApiSettings;
  systemPrompt: string;
  /** The interface language chosen in settings; absent: follow the browser's language. */
  language?: InterfaceLanguage;
  /** The first-run welcome was dismissed (it also goes away once a model is configured). */
  welcomeDismissed?: boolean;
  /**
   * Strict network mode: requests may reach only origins granted to an enabled tool or the
   * configured engine. Absent means on; only `false` is ever stored.
   */
  strictNetwork?: boolean;
  /** The embedding model the person agreed to download (its model id); absent: not asked yet or declined. */
  embeddingConsent?: string;
}

/** Interface languages a person can pin in settings (absent means "follow the browser"). */
export type InterfaceLanguage = 'en' | 'zh';

/** Every language the settings accept, in the order the settings panel offers them. */
export const interfaceLanguages: readonly InterfaceLanguage[] = ['en', 'zh'];

/** Settings of a fresh install: nothing configured, every tool on. */
export function defaultSettings(): Settings {
  return {
    engine: { baseUrl: '', model: '', apiKey: '', toolMode: 'native', preset: '' },
    enabledTools: {},
    modelApi: { baseUrl: '', model: '', imageModel: '', apiKey: '' },
    systemPrompt: 'You are Tabagent, a helpful assistant. Use the tools when they help.',
  };
}

/** Whether strict network mode is on (the default). */
export function isStrictNetwork(settings: Settings): boolean {
  return settings.strictNetwork !== false;
}

/** Whether a tool is switched on (tools the settings do not mention are on). */
export function isToolEnabled(settings: Settings, toolName: string): boolean {
  return settings.enabledTools[toolName] !== false;
}

/** The engine kind the settings choose ('openai-compatible' when none is stored). */
export function engineKindOf(settings: Settings): EngineKind {
  return settings.engine.kind ?? 'openai-compatible';
}

/**
 * Whether enough is set to talk to a model: a base URL and a model name for a server, a model
 * id (or, for transformers.js, a custom model URL) for a local engine.
 */
export function isEngineConfigured(settings: Settings): boolean {
  const { engine } = settings;
  switch (engineKindOf(settings)) {
    case 'openai-compatible':
      return engine.baseUrl.trim() !== '' && engine.model.trim() !== '';
    case 'webllm':
      return (engine.localModelId ?? '').trim() !== '';
    case 'transformers':
      return (engine.localModelId ?? '').trim() !== '' || (engine.customModelUrl ?? '').trim() !== '';
    case 'builtin':
      // The browser's own model has nothing to choose; whether it can run is checked when it loads.
      return true;
  }
}

type UnknownRecord = Record<string, unknown>;

function asRecord(value: unknown): UnknownRecord {
  return isRecord(value) ? value : {};
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function toolModeOr(value: unknown, fallback: SettingsToolMode): SettingsToolMode {
  return settingsToolModes.find((mode) => mode === value) ?? fallback;
}

/** The optional local-engine fields of a stored engine record, only those present and well-typed. */
function localEngineFields(engine: UnknownRecord): Partial<EngineSettings> {
  const fields: Partial<EngineSettings> = {};
  const kind = engineKinds.find((candidate) => candidate === engine.kind);
  if (kind) fields.kind = kind;
  if (typeof engine.localModelId === 'string') fields.localModelId = engine.localModelId;
  if (engine.localDevice === 'webgpu' || engine.localDevice === 'wasm') fields.localDevice = engine.localDevice;
  if (typeof engine.customModelUrl === 'string') fields.customModelUrl = engine.customModelUrl;
  return fields;
}

function enabledToolsFrom(value: unknown): Record<string, boolean> {
  // A null-prototype object: tool names such as `__proto__` stay plain keys.
  const result: Record<string, boolean> = Object.create(null) as Record<string, boolean>;
  for (const [name, enabled] of Object.entries(asRecord(value))) {
    if (typeof enabled === 'boolean') result[name] = enabled;
  }
  return { ...result };
}

/**
 * Reads settings from anything (a stored record from an older version, a damaged record):
 * every field of the wrong type falls back to its default, unknown fields are dropped.
 */
export function normalizeSettings(value: unknown): Settings {
  const defaults = defaultSettings();
  const record = asRecord(value);
  const engine = asRecord(record.engine);
  const modelApi = asRecord(record.modelApi);
  return {
    engine: {
      ...localEngineFields(engine),
      baseUrl: stringOr(engine.baseUrl, defaults.engine.baseUrl),
      model: stringOr(engine.model, defaults.engine.model),
      apiKey: stringOr(engine.apiKey, defaults.engine.apiKey),
      toolMode: toolModeOr(engine.toolMode, defaults.engine.toolMode),
      ...(typeof engine.acceptsImages === 'boolean' ? { acceptsImages: engine.acceptsImages } : {}),
      preset: stringOr(engine.preset, defaults.engine.preset),
    },
    enabledTools: enabledToolsFrom(record.enabledTools),
    modelApi: {
      baseUrl: stringOr(modelApi.baseUrl, defaults.modelApi.baseUrl),
      model: stringOr(modelApi.model, defaults.modelApi.model),
      imageModel: stringOr(modelApi.imageModel, defaults.modelApi.imageModel),
      apiKey: stringOr(modelApi.apiKey, defaults.modelApi.apiKey),
    },
    systemPrompt: stringOr(record.systemPrompt, defaults.systemPrompt),
    ...interfaceFields(record),
    ...(record.strictNetwork === false ? { strictNetwork: false } : {}),
    ...embeddingFields(record),
  };
}

/** The embedding consent, only when it names a model (anything else reads as "not asked yet"). */
function embeddingFields(record: UnknownRecord): Pick<Settings, 'embeddingConsent'> {
  const consent = record.embeddingConsent;
  return typeof consent === 'string' && consent.trim() !== '' ? { embeddingConsent: consent } : {};
}

/**
 * The optional interface fields, only those present and well-typed: settings saved before they
 * existed (or with an unknown language) read back as "follow the browser", welcome not dismissed.
 */
function interfaceFields(record: UnknownRecord): Pick<Settings, 'language' | 'welcomeDismissed'> {
  const fields: Pick<Settings, 'language' | 'welcomeDismissed'> = {};
  const language = interfaceLanguages.find((candidate) => candidate === record.language);
  if (language) fields.language = language;
  if (record.welcomeDismissed === true) fields.welcomeDismissed = true;
  return fields;
}

/**
 * What settings held before it moved into the default agent's record (migration 6): its pinned
 * tools and tools per turn. Read from a raw stored settings record only to carry them over.
 */
export interface LegacyAgentSettings {
  pinnedTools?: string[];
  toolsPerTurn?: number;
}

/** The legacy per-agent fields of a raw stored settings value, only those present and well-typed. */
export function legacyAgentSettings(value: unknown): LegacyAgentSettings {
  const record = asRecord(value);
  const fields: LegacyAgentSettings = {};
  if (Array.isArray(record.pinnedTools)) {
    fields.pinnedTools = [...new Set(record.pinnedTools.filter((name): name is string => typeof name === 'string'))];
  }
  const k = record.toolsPerTurn;
  if (typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= 50) fields.toolsPerTurn = k;
  return fields;
}
