/** Command-line arguments of `npm run retrieval-eval`, parsed with node:util and checked. */
import { DEFAULT_EMBEDDING_MODEL, EMBEDDING_MODELS, findEmbeddingModel } from '../embed/catalog';
import type { EmbeddingModelSpec } from '../embed/types';
import { RETRIEVAL_MODES, type RetrievalMode } from '../eval/retrieval-eval';
import type { TransformersDtype } from '../llm/transformers/options';
import { parseOptions, required, UsageError } from './cli-options';

const DTYPES: readonly TransformersDtype[] = ['fp32', 'fp16', 'q8', 'int8', 'uint8', 'q4', 'q4f16', 'bnb4'];

/** The weight file transformers.js loads by default on WASM, the app's usual embedding device. */
export const DEFAULT_RETRIEVAL_DTYPE: TransformersDtype = 'q8';

/** Printed with every argument error and for --help. */
export const RETRIEVAL_USAGE = `Usage: npm run retrieval-eval -- --tools FILE --queries FILE [options]

  --tools FILE         JSON array of OpenAI function objects {name, description, parameters}
                       (or {"type": "function", "function": {...}} wrappers)
  --queries FILE       JSONL, one {"query": "...", "tools": ["gold tool name", ...]} per line
  --k N                the top-k of interest; recall@N is reported too (default 5)
  --mode MODE          ${RETRIEVAL_MODES.join(' | ')} (default: hybrid with --model-path, bm25 without)
  --model-path DIR     a local transformers.js model folder (config.json, tokenizer.json,
                       onnx/model*.onnx); needed by dense and hybrid
  --model-id ID        catalog model whose prefixes and pooling to use: ${EMBEDDING_MODELS.map((model) => model.modelId).join(' | ')}
                       (default ${DEFAULT_EMBEDDING_MODEL.modelId})
  --dtype DTYPE        weights to load: ${DTYPES.join(' | ')} (default ${DEFAULT_RETRIEVAL_DTYPE}: onnx/model_quantized.onnx)
  -h, --help           show this help

Prints one JSON object: mode, k, queries, tools, recall@1, recall@3, recall@5, mrr, ndcg@10.
Exit codes: 0 done, 1 unexpected failure, 2 bad arguments or bad input files.`;

/** Checked arguments. */
export interface RetrievalEvalArgs {
  tools: string;
  queries: string;
  k: number;
  mode: RetrievalMode;
  /** Present for dense and hybrid. */
  model?: { path: string; spec: EmbeddingModelSpec; dtype: TransformersDtype };
}

/** Parsed arguments, or 'help'. Throws UsageError on anything wrong. */
export function parseRetrievalEvalArgs(argv: readonly string[]): RetrievalEvalArgs | 'help' {
  const values = parseOptions(argv, {
    tools: { type: 'string' },
    queries: { type: 'string' },
    k: { type: 'string', default: '5' },
    mode: { type: 'string' },
    'model-path': { type: 'string' },
    'model-id': { type: 'string', default: DEFAULT_EMBEDDING_MODEL.modelId },
    dtype: { type: 'string', default: DEFAULT_RETRIEVAL_DTYPE },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return 'help';
  const tools = required(values.tools, '--tools');
  const queries = required(values.queries, '--queries');
  const k = values.k.trim();
  if (!/^\d+$/.test(k) || Number(k) < 1) throw new UsageError(`--k must be a whole number of at least 1, got ${JSON.stringify(values.k)}`);
  const modelPath = values['model-path'];
  const mode = values.mode ?? (modelPath === undefined ? 'bm25' : 'hybrid');
  if (!isMode(mode)) throw new UsageError(`--mode ${mode} is not one of ${RETRIEVAL_MODES.join(', ')}`);
  const args: RetrievalEvalArgs = { tools, queries, k: Number(k), mode };
  if (mode === 'bm25') return args;
  if (modelPath === undefined || modelPath.trim() === '') {
    throw new UsageError(`--mode ${mode} embeds texts: give --model-path DIR (see docs/retrieval-eval.md), or use --mode bm25`);
  }
  const spec = findEmbeddingModel(values['model-id']);
  if (spec === undefined) {
    throw new UsageError(`--model-id ${values['model-id']} is not in the catalog; known: ${EMBEDDING_MODELS.map((model) => model.modelId).join(', ')}`);
  }
  const dtype = values.dtype as TransformersDtype;
  if (!DTYPES.includes(dtype)) throw new UsageError(`--dtype ${values.dtype} is not one of ${DTYPES.join(', ')}`);
  args.model = { path: modelPath, spec, dtype };
  return args;
}

function isMode(value: string): value is RetrievalMode {
  return (RETRIEVAL_MODES as readonly string[]).includes(value);
}

