import type { ToolMode } from '../../core/agent/options';
import { toolModeForModel, type LocalEngineKind } from '../../llm/catalog';
import type { LocalDevice, Settings } from '../../store/settings';

/** The Hugging Face hub, where transformers.js downloads models from. */
export const HUB_HOST = 'https://huggingface.co/';

/** What runs a local model: web-llm, transformers.js, or the browser's own model ('builtin', Chrome's Prompt API). */
export type LocalRuntime = LocalEngineKind | 'builtin';

/** The name the picker shows for the browser's own model. */
export const BUILTIN_AI_LABEL = 'Built-in AI (Chrome)';

/** The choice of the browser's own model: it has no id, device or URL. */
export const BUILTIN_AI_CHOICE: LocalModelChoice = Object.freeze({ engine: 'builtin', modelId: '' });

/** One local model as the person chose it: engine, id, and for transformers.js the device and an optional URL. */
export interface LocalModelChoice {
  engine: LocalRuntime;
  /** web-llm model id, or Hugging Face repo id (transformers.js). Empty when `customModelUrl` names the model, and for 'builtin'. */
  modelId: string;
  device?: LocalDevice;
  /** transformers.js: a base URL serving the model's files (config.json, tokenizer.json, onnx/…). */
  customModelUrl?: string;
}

/**
 * How tools are written for a local choice: in the format its family was trained on (the
 * catalog's); Hermes for the browser's own model, whose answers the engine constrains to
 * "text or a call" and hands back as text or a call.
 */
export function toolModeForChoice(choice: Pick<LocalModelChoice, 'engine' | 'modelId'>): ToolMode {
  return choice.engine === 'builtin' ? 'hermes' : toolModeForModel(choice.engine, choice.modelId);
}

/** A stable key for a choice: the same key means the same loaded engine can be reused. */
export function choiceKey(choice: LocalModelChoice): string {
  return [choice.engine, choice.modelId, choice.device ?? '', choice.customModelUrl ?? ''].join('|');
}

/** The local model the settings choose, or undefined when they choose a server. */
export function localChoiceOf(settings: Settings): LocalModelChoice | undefined {
  const { engine } = settings;
  if (engine.kind === 'builtin') return BUILTIN_AI_CHOICE;
  if (engine.kind !== 'webllm' && engine.kind !== 'transformers') return undefined;
  return {
    engine: engine.kind,
    modelId: (engine.localModelId ?? '').trim(),
    ...(engine.kind === 'transformers' ? { device: engine.localDevice ?? 'wasm' } : {}),
    ...(engine.kind === 'transformers' && engine.customModelUrl?.trim() ? { customModelUrl: engine.customModelUrl.trim() } : {}),
  };
}

/** The settings with this local model chosen as the engine; the server fields are kept for switching back. */
export function withLocalChoice(settings: Settings, choice: LocalModelChoice): Settings {
  const engine = { ...settings.engine, kind: choice.engine, localModelId: choice.modelId };
  if (choice.device) engine.localDevice = choice.device;
  else delete engine.localDevice;
  if (choice.customModelUrl) engine.customModelUrl = choice.customModelUrl;
  else delete engine.customModelUrl;
  return { ...settings, engine };
}

/** A name for the choice: the model id, or the last part of its custom URL. */
export function choiceLabel(choice: LocalModelChoice): string {
  if (choice.engine === 'builtin') return BUILTIN_AI_LABEL;
  if (choice.modelId) return choice.modelId;
  return choice.customModelUrl?.replace(/\/+$/, '').split('/').pop() ?? 'custom model';
}
