/** The curated local models, and lookups over them. */
import type { ToolMode } from '../../core/agent/options';
import { transformersModels } from './transformers-models';
import type { CatalogModel, LocalEngineKind } from './types';
import { webllmModels } from './webllm-models';

export type { CatalogModel, LocalEngineKind } from './types';
export { webllmModels } from './webllm-models';
export { transformersModels } from './transformers-models';

/** Every model the Models page offers: web-llm first (the default where WebGPU exists). */
export const modelCatalog: readonly CatalogModel[] = [...webllmModels, ...transformersModels];

/** The catalog entry for an engine and model id, if the id is one we curated. */
export function findCatalogModel(engine: LocalEngineKind, id: string, catalog: readonly CatalogModel[] = modelCatalog): CatalogModel | undefined {
  return catalog.find((model) => model.engine === engine && model.id === id);
}

/**
 * The tool mode for a local model: the catalog's format for a curated model; for an id we do
 * not know, a Qwen/Hermes-looking name gets 'hermes', a Llama-3 one 'llama3-json', anything else
 * 'react' (plain-text Action lines, which any instruct model can follow).
 */
export function toolModeForModel(engine: LocalEngineKind, id: string, catalog: readonly CatalogModel[] = modelCatalog): ToolMode {
  const known = findCatalogModel(engine, id, catalog);
  if (known) return known.toolMode;
  if (/qwen|hermes/i.test(id)) return 'hermes';
  return /llama-?3/i.test(id) ? 'llama3-json' : 'react';
}

/** Whether a local model thinks in a `<think>` block first: the catalog's flag, or a Qwen3 name for an id we do not know. */
export function thinkingForModel(engine: LocalEngineKind, id: string, catalog: readonly CatalogModel[] = modelCatalog): boolean {
  return findCatalogModel(engine, id, catalog)?.thinking ?? /qwen3/i.test(id);
}
