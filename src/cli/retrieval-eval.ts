/**
 * `npm run retrieval-eval -- --tools tools.json --queries queries.jsonl [--k 5] [--mode dense|bm25|hybrid]
 * [--model-path DIR] [--model-id ID] [--dtype q8]`: how well tool retrieval finds the gold tools.
 * Prints one JSON object on stdout (metrics defined in src/eval/retrieval-metrics.ts); notes go to
 * stderr. Dense and hybrid modes run the real transformers.js embedder on local files only.
 * Exit codes: 0 done, 1 unexpected failure, 2 bad arguments, input files or model folder.
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { TabagentError } from '../core/errors';
import type { TransformersEmbedder } from '../embed/transformers-embedder';
import type { EmbeddingModelSpec } from '../embed/types';
import { parseQueriesFile, parseToolsFile } from '../eval/retrieval-data';
import { runRetrievalEval } from '../eval/retrieval-eval';
import { UsageError } from './eval-args';
import { registerAssetUrlImports } from './node-asset-urls';
import { parseRetrievalEvalArgs, RETRIEVAL_USAGE, type RetrievalEvalArgs } from './retrieval-eval-args';

async function readArgumentFile(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`${flag} ${path}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : String(error)}`);
  }
}

/**
 * The embedder for `--model-path DIR`: transformers.js finds a model at `<localModelPath>/<modelId>/`,
 * so DIR's parent is the local model path and its name the model id. Prefixes and pooling come from
 * the catalog entry; the width comes from the folder's config.json, so any BERT-style model loads.
 */
async function openEmbedder(model: NonNullable<RetrievalEvalArgs['model']>): Promise<TransformersEmbedder> {
  const folder = resolve(model.path);
  const configText = await readArgumentFile(join(folder, 'config.json'), '--model-path').catch(() => {
    throw new UsageError(`--model-path ${model.path} holds no config.json: give a transformers.js model folder (config.json, tokenizer.json, onnx/), see docs/retrieval-eval.md`);
  });
  let hiddenSize: unknown;
  try {
    hiddenSize = (JSON.parse(configText) as { hidden_size?: unknown }).hidden_size;
  } catch {
    throw new UsageError(`--model-path ${model.path}: config.json is not valid JSON`);
  }
  const spec: EmbeddingModelSpec = {
    ...model.spec,
    modelId: basename(folder),
    dimensions: typeof hiddenSize === 'number' && hiddenSize > 0 ? hiddenSize : model.spec.dimensions,
  };
  // Loaded only now, after the hook for its Vite-style `?url` imports (and only when a model is used).
  registerAssetUrlImports();
  const { createTransformersEmbedder } = await import('../embed/transformers-embedder');
  const embedder = createTransformersEmbedder({ model: spec, device: 'wasm', dtype: model.dtype, localModelPath: dirname(folder), allowRemote: false });
  try {
    await embedder.load();
  } catch (error) {
    // A missing weight file or tokenizer is a wrong folder or --dtype, which the person fixes.
    if (TabagentError.is(error) && error.code === 'not-found') throw new UsageError(`--model-path ${model.path} (--dtype ${model.dtype}): ${error.message}`);
    throw error;
  }
  return embedder;
}

async function run(args: RetrievalEvalArgs): Promise<number> {
  const toolsText = await readArgumentFile(args.tools, '--tools');
  const queriesText = await readArgumentFile(args.queries, '--queries');
  const tools = parseToolsFile(toolsText, args.tools);
  const queries = parseQueriesFile(queriesText, args.queries, new Set(tools.map((tool) => tool.name)));
  const embedder = args.model === undefined ? undefined : await openEmbedder(args.model);
  const model = args.model === undefined ? '' : `, model ${args.model.path} (${args.model.dtype}) with the prefixes and pooling of ${args.model.spec.modelId}`;
  process.stderr.write(`retrieval-eval: ${tools.length} tools, ${queries.length} queries, mode ${args.mode}${model}\n`);
  try {
    const { report } = await runRetrievalEval({ tools, queries, mode: args.mode, k: args.k, embedder });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  } finally {
    await embedder?.unload();
  }
}

async function main(): Promise<number> {
  try {
    const args = parseRetrievalEvalArgs(process.argv.slice(2));
    if (args === 'help') {
      process.stdout.write(`${RETRIEVAL_USAGE}\n`);
      return 0;
    }
    return await run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`retrieval-eval: ${error.message}\n\n${RETRIEVAL_USAGE}\n`);
      return 2;
    }
    if (TabagentError.is(error) && error.code === 'config') {
      process.stderr.write(`retrieval-eval: bad input: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`retrieval-eval: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main();
