import type { ToolManifest } from '../manifest';
import type { ToolRegistry } from '../registry';
import * as calculator from './calculator';
import * as currentTime from './current-time';
import * as memory from './memory';
import * as modelApi from './model-api';
import * as runJavaScript from './run-javascript';
import * as runPython from './run-python';
import * as unitConvert from './unit-convert';

export type { MemoryToolSource, MemoryToolStore, StoredMemory } from './memory';
export type { ModelApiConfig, ModelApiConfigSource } from './model-api';
export type { SandboxSource } from './run-javascript';

/** Settings the built-ins read; getters so that changes apply to the next call. */
export interface BuiltinsConfig {
  /** The user's model API endpoint (Settings → Model API). */
  modelApi?: modelApi.ModelApiConfigSource;
  /** Clock for current_time (default: the system clock). */
  now?: () => Date;
  /** Zone current_time uses when none is asked for (default: the user's). */
  defaultTimeZone?: () => string;
  /** The sandbox run_javascript uses (default: a worker sandbox in browsers, in-process in Node). */
  sandbox?: runJavaScript.SandboxSource;
  /** The sandbox run_python uses (default: a Pyodide worker sandbox in browsers; none in Node). */
  pythonSandbox?: runJavaScript.SandboxSource;
  /** The long-term memory store; without it remember, recall and forget are not registered. */
  memory?: memory.MemoryToolSource;
}

/** Manifests of every built-in tool, the source of public/tool-manifests/*.json. */
export const builtinManifests: readonly ToolManifest[] = [
  calculator.manifest,
  currentTime.manifest,
  unitConvert.manifest,
  modelApi.manifest,
  runJavaScript.manifest,
  runPython.manifest,
  memory.rememberManifest,
  memory.recallManifest,
  memory.forgetManifest,
];

/** Registers all built-in tools (their manifests are validated by the tests, not at start-up). model_api is always registered; without config it says how to set it up. */
export function registerBuiltins(registry: ToolRegistry, config: BuiltinsConfig = {}): void {
  const modelApiConfig = config.modelApi ?? (() => undefined);
  registry.registerBuiltin(calculator.manifest, calculator.implementation);
  registry.registerBuiltin(
    currentTime.manifest,
    currentTime.createCurrentTime({
      ...(config.now ? { now: config.now } : {}),
      ...(config.defaultTimeZone ? { defaultTimeZone: config.defaultTimeZone } : {}),
    }),
  );
  registry.registerBuiltin(unitConvert.manifest, unitConvert.implementation);
  registry.registerBuiltin(modelApi.manifest, modelApi.createModelApi(modelApiConfig), {
    origins: () => modelApi.modelApiOrigins(modelApiConfig),
    preview: modelApi.createModelApiPreview(modelApiConfig),
  });
  registry.registerBuiltin(runJavaScript.manifest, config.sandbox ? runJavaScript.createRunJavaScript(config.sandbox) : runJavaScript.implementation);
  registry.registerBuiltin(runPython.manifest, config.pythonSandbox ? runPython.createRunPython(config.pythonSandbox) : runPython.implementation, {
    timeoutMs: runPython.RUN_PYTHON_TIMEOUT_MS,
  });
  if (config.memory) {
    const tools = memory.createMemoryTools(config.memory);
    registry.registerBuiltin(memory.rememberManifest, tools.remember);
    registry.registerBuiltin(memory.recallManifest, tools.recall);
    registry.registerBuiltin(memory.forgetManifest, tools.forget);
  }
}
