/** Reading a Vite (Rolldown) build's output as a graph of chunks, for tests about what the page loads. */

/** The parts of an output chunk the walk reads. */
export interface OutputChunkLike {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  imports: string[];
  dynamicImports: string[];
  moduleIds: string[];
}

/** The parts of an emitted asset the walk reads (worker bundles are assets of the page's build). */
export interface OutputAssetLike {
  type: 'asset';
  fileName: string;
}

/** What `vite.build({ build: { write: false } })` returns: one output, or one per environment. */
export type BuildOutput = { output: Array<OutputChunkLike | OutputAssetLike> } | Array<{ output: Array<OutputChunkLike | OutputAssetLike> }>;

function chunksOf(result: BuildOutput): OutputChunkLike[] {
  const outputs = Array.isArray(result) ? result : [result];
  return outputs.flatMap((entry) => entry.output.filter((item): item is OutputChunkLike => item.type === 'chunk'));
}

/** Module ids of the chunks reached from the entry chunks, following the imports `next` names. */
function modulesFrom(result: BuildOutput, next: (chunk: OutputChunkLike) => string[]): string[] {
  const chunks = new Map(chunksOf(result).map((chunk) => [chunk.fileName, chunk]));
  const seen = new Set<string>();
  const pending = [...chunks.values()].filter((chunk) => chunk.isEntry).map((chunk) => chunk.fileName);
  while (pending.length > 0) {
    const fileName = pending.pop() as string;
    if (seen.has(fileName)) continue;
    seen.add(fileName);
    const chunk = chunks.get(fileName);
    if (chunk) pending.push(...next(chunk));
  }
  return [...seen].flatMap((fileName) => chunks.get(fileName)?.moduleIds ?? []);
}

/**
 * Every module id in the chunks the page can load: the entry chunks, then each chunk they import
 * statically or dynamically, transitively.
 */
export function reachableModules(result: BuildOutput): string[] {
  return modulesFrom(result, (chunk) => [...chunk.imports, ...chunk.dynamicImports]);
}

/** File names of the emitted assets that are worker bundles. */
export function workerAssets(result: BuildOutput): string[] {
  const outputs = Array.isArray(result) ? result : [result];
  return outputs.flatMap((entry) => entry.output.filter((item) => /worker/i.test(item.fileName)).map((item) => item.fileName));
}

/**
 * Every module id in the chunks the page loads before its first line runs: the entry chunks and the
 * chunks they import statically, transitively (dynamic imports load later, on use).
 */
export function initialModules(result: BuildOutput): string[] {
  return modulesFrom(result, (chunk) => chunk.imports);
}
