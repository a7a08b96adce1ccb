import type { ToolManifest } from '../manifest';
import type { ToolRegistry } from '../registry';
import * as calculator from './calculator';
import * as currentTime from './current-time';
import * as modelApi from './model-api';
import * as unitConvert from './unit-convert';

export type { ModelApiConfig, ModelApiConfigSource } from './model-api';

/** Settings the built-ins read; getters so that changes apply to the next call. */
export interface BuiltinsConfig {
  /** The user's model API endpoint (Settings → Model API). */
  modelApi?: modelApi.ModelApiConfigSource;
  /** Clock for current_time (default: the system clock). */
  now?: () => Date;
  /** Zone current_time uses when none is asked for (default: the user's). */
  defaultTimeZone?: () => string;
}

/** Manifests of every built-in tool, the source of public/tool-manifests/*.json. */
export const builtinManifests: readonly ToolManifest[] = [
  calculator.manifest,
  currentTime.manifest,
  unitConvert.manifest,
  modelApi.manifest,
];

/** Registers all built-in tools. model_api is always registered; without config it says how to set it up. */
export function registerBuiltins(registry: ToolRegistry, config: BuiltinsConfig = {}): void {
  const modelApiConfig = config.modelApi ?? (() => undefined);
  registry.register(calculator.manifest, calculator.implementation);
  registry.register(
    currentTime.manifest,
    currentTime.createCurrentTime({
      ...(config.now ? { now: config.now } : {}),
      ...(config.defaultTimeZone ? { defaultTimeZone: config.defaultTimeZone } : {}),
    }),
  );
  registry.register(unitConvert.manifest, unitConvert.implementation);
  registry.register(modelApi.manifest, modelApi.createModelApi(modelApiConfig), {
    origins: () => modelApi.modelApiOrigins(modelApiConfig),
  });
}
