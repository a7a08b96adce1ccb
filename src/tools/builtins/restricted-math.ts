import { all, create, type MathJsInstance } from 'mathjs';

/**
 * Functions switched off inside expressions, following mathjs's security guidance
 * (https://mathjs.org/docs/expressions/security.html): `import` and `createUnit` would change
 * the shared instance for later calls; `evaluate`, `parse`, `compile`, `simplify`,
 * `derivative`, `resolve` and friends parse strings into new expression trees. `config` would
 * change number handling for everyone. BigNumber, fraction and bigint arithmetic are off
 * because they let one short expression compute for minutes (`combinations` on huge
 * bignumbers); a calculator for a chat agent does not need them.
 */
const DISABLED_FUNCTIONS = [
  'import',
  'createUnit',
  'reviver',
  'replacer',
  'evaluate',
  'parse',
  'compile',
  'parser',
  'simplify',
  'simplifyConstant',
  'simplifyCore',
  'derivative',
  'resolve',
  'rationalize',
  'leafCount',
  'symbolicEqual',
  'config',
  'bignumber',
  'fraction',
  'bigint',
  'kron',
  'matrixFromFunction',
] as const;

/** Functions that allocate by a size argument, and the most elements one call may make. */
const SIZED_FUNCTIONS = ['zeros', 'ones', 'identity', 'random', 'randomInt', 'resize'] as const;
export const MAX_ELEMENTS = 100_000;

function disabled(name: string): () => never {
  return () => {
    throw new Error(`Function ${name} is disabled`);
  };
}

/** Multiplies every number found in the arguments (sizes may be numbers, arrays or matrices). */
function elementCount(math: MathJsInstance, args: unknown[]): number {
  let count = 1;
  const visit = (value: unknown): void => {
    if (typeof value === 'number') count *= Math.abs(value);
    else if (Array.isArray(value)) value.forEach(visit);
    else if (math.isMatrix(value)) visit(value.valueOf());
  };
  args.forEach(visit);
  return count;
}

function tooLarge(name: string): Error {
  return new Error(`${name} would create more than ${MAX_ELEMENTS} elements`);
}

/** Wraps a size-taking function so one call cannot allocate an enormous matrix and hang the tab. */
function limitSize(math: MathJsInstance, name: string, original: (...args: unknown[]) => unknown) {
  return (...args: unknown[]): unknown => {
    // resize(x, size): only the new size matters; random(min, max) with no size makes one number.
    const sizeArgs = name === 'resize' ? args.slice(1, 2) : name.startsWith('random') ? args.filter((arg) => Array.isArray(arg) || math.isMatrix(arg)) : args;
    if (elementCount(math, sizeArgs) > MAX_ELEMENTS) throw tooLarge(name);
    return original(...args);
  };
}

/** `range` (also behind the `a:b` syntax) with its element count checked before anything is made. */
function limitRange(original: (...args: unknown[]) => unknown) {
  return (...args: unknown[]): unknown => {
    if (args.some((arg) => typeof arg === 'string')) throw new Error('range with a text argument is not supported; write start:end');
    const [start, end, step] = args.map((arg) => (typeof arg === 'boolean' ? undefined : Number(arg)));
    const stride = Math.abs(step ?? 1);
    const count = Math.abs((end ?? 0) - (start ?? 0)) / stride;
    if (!Number.isFinite(count) || count + 1 > MAX_ELEMENTS) throw tooLarge('range');
    return original(...args);
  };
}

type AnyFunction = (...args: unknown[]) => unknown;

/**
 * Wraps a function and, where it has one, its expression-parser "transform" (the variant used
 * inside expressions, e.g. `1:3` including its end); an override without a transform would
 * silently change what expressions mean.
 */
function wrapWithTransform(math: MathJsInstance, name: string, wrap: (original: AnyFunction) => AnyFunction): unknown {
  const original = (math as unknown as Record<string, AnyFunction | undefined>)[name];
  if (!original) return undefined;
  const wrapped = wrap(original) as AnyFunction & { transform?: AnyFunction };
  const transforms = (math as unknown as { expression: { transform: Record<string, AnyFunction | undefined> } }).expression.transform;
  const transform = transforms[name];
  if (transform) wrapped.transform = wrap(transform);
  return wrapped;
}

function build(): { math: MathJsInstance; evaluate: MathJsInstance['evaluate'] } {
  // mathjs's typings mark `all` as possibly missing; it never is in a real install.
  if (!all) throw new Error('mathjs is missing its function set');
  const math = create(all);
  // Keep the real evaluate before `evaluate` is disabled for expressions.
  const evaluate = math.evaluate;
  const overrides: Record<string, unknown> = {};
  for (const name of DISABLED_FUNCTIONS) overrides[name] = disabled(name);
  for (const name of SIZED_FUNCTIONS) {
    const wrapped = wrapWithTransform(math, name, (original) => limitSize(math, name, original));
    if (wrapped) overrides[name] = wrapped;
  }
  const range = wrapWithTransform(math, 'range', (original) => limitRange(original));
  if (range) overrides.range = range;
  math.import(overrides, { override: true });
  return { math, evaluate };
}

let instance: ReturnType<typeof build> | undefined;

/**
 * The shared restricted mathjs instance, built on first use (building costs tens of
 * milliseconds, which app start should not pay). Use its `evaluate`, never `math.evaluate`.
 */
export function restrictedMath(): { math: MathJsInstance; evaluate: MathJsInstance['evaluate'] } {
  instance ??= build();
  return instance;
}
