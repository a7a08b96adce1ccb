/**
 * Shortens a key/value cache to its first tokens, so that a prompt sharing only part of the
 * cached ids (the model's answer re-tokenised differently, a call rewritten in canonical JSON, a
 * stop string that cut the answer) still reuses the shared part.
 */
import { DynamicCache, Tensor } from '@huggingface/transformers';

/** Cache entries of attention layers: `[batch, heads, sequence, head dim]`, sequence second to last. */
const ATTENTION_PREFIX = 'past_key_values.';

/**
 * A new cache holding the first `length` tokens of `cache`, or undefined where that cannot be
 * done: tensors on the GPU (their data is not readable here) and recurrent or convolution states
 * (Mamba, LFM2, Qwen3.5), which summarise every token read and cannot be rewound. `cache` itself
 * is left as it was; the caller disposes it.
 */
export function cutCache(cache: DynamicCache, length: number): DynamicCache | undefined {
  const entries = Object.entries(cache as Record<string, Tensor>);
  if (entries.length === 0) return undefined;
  if (!entries.every(([name, tensor]) => name.startsWith(ATTENTION_PREFIX) && tensor.location === 'cpu')) return undefined;
  const cut: Record<string, Tensor> = {};
  for (const [name, tensor] of entries) {
    const shorter = cutSequence(tensor, length);
    if (shorter === undefined) return undefined;
    cut[name] = shorter;
  }
  return new DynamicCache(cut);
}

/** Keeps the first `length` positions of the second-to-last axis, one block copy per row. */
function cutSequence(tensor: Tensor, length: number): Tensor | undefined {
  const dims = tensor.dims;
  const sequence = dims.at(-2);
  const width = dims.at(-1);
  if (sequence === undefined || width === undefined || length > sequence) return undefined;
  const source = tensor.data as unknown as { length: number; subarray(start: number, end: number): ArrayLike<number | bigint> };
  if (typeof source.subarray !== 'function') return undefined;
  const rows = dims.slice(0, -2).reduce((product, size) => product * size, 1);
  const Typed = (tensor.data as object).constructor as new (size: number) => { set(values: ArrayLike<number | bigint>, offset: number): void };
  const data = new Typed(rows * length * width);
  for (let row = 0; row < rows; row += 1) {
    const start = row * sequence * width;
    data.set(source.subarray(start, start + length * width), row * length * width);
  }
  return new Tensor(tensor.type, data as unknown as Float32Array, [...dims.slice(0, -2), length, width]);
}
