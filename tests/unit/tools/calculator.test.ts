import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { implementation, manifest } from '../../../src/tools/builtins/calculator';
import { calculate, normaliseExpression } from '../../../src/tools/builtins/calculate';
import { createToolExecutor } from '../../../src/tools/executor';
import { ToolRegistry } from '../../../src/tools/registry';

function createRunner() {
  const registry = new ToolRegistry();
  registry.register(manifest, implementation);
  return createToolExecutor(registry);
}

const runner = createRunner();

async function run(expression: unknown) {
  return runner.execute({ id: 'c1', name: 'calculator', arguments: { expression } });
}

beforeAll(async () => {
  // Compile the argument validator (Ajv generates code with `new Function`) and build the
  // mathjs instance before any test spies on `Function`.
  await run('1 + 1');
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('calculator: arithmetic', () => {
  it.each([
    ['2 + 3 * 4', 14],
    ['(2 + 3) * 4', 20],
    ['2^3^2', 512],
    ['-2^2', -4],
    ['10 / 4', 2.5],
    ['7 mod 3', 1],
    ['0.1 + 0.2', 0.3],
    ['sqrt(16) + abs(-3)', 7],
    ['sin(pi / 2)', 1],
    ['sin(30 deg)', 0.5],
    ['log(100, 10)', 2],
    ['log10(1000)', 3],
    ['5!', 120],
    ['round(2.567, 2)', 2.57],
    ['mean([1, 2, 3, 4])', 2.5],
    ['median(3, 1, 2)', 2],
    ['sum(1:100)', 5050],
    ['det([1, 2; 3, 4])', -2],
    ['1e3 * 2', 2000],
    ['a = 3; a * 2', 6],
  ])('%s = %s', (expression, expected) => {
    expect(calculate(expression).result).toBe(expected);
  });

  it('handles percent phrases and percent signs', () => {
    expect(calculate('12.5% of 240')).toEqual({ expression: '12.5% of 240', result: 30, interpretedAs: '(12.5 / 100) * 240' });
    expect(calculate('15 percent of 80').result).toBe(12);
    expect(calculate('what: 20% OF 50'.slice(6)).result).toBe(10);
    expect(calculate('50%').result).toBe(0.5);
    expect(calculate('200 + 15%').result).toBe(230);
    expect(calculate('30 percent').result).toBe(0.3);
    expect(calculate('12.5% of 240 + 10').result).toBe(40);
  });

  it('accepts everyday symbols and a trailing question mark', () => {
    expect(normaliseExpression('6 × 7 ÷ 2 − 1 = ?')).toBe('6 * 7 / 2 - 1');
    expect(calculate('6 × 7 ÷ 2 − 1 = ?').result).toBe(20);
  });

  it('gives division by zero as mathjs does (Infinity, as text because JSON has no Infinity)', () => {
    expect(calculate('1 / 0').result).toBe('Infinity');
    expect(calculate('-1 / 0').result).toBe('-Infinity');
    expect(calculate('0 / 0').result).toBe('NaN');
  });

  it('gives units, complex numbers and matrices as text', () => {
    expect(calculate('5 km + 300 m').result).toBe('5.3 km');
    expect(calculate('3 ft to cm').result).toBe('91.44 cm');
    expect(calculate('sqrt(-4)').result).toBe('2i');
    expect(calculate('[1, 2; 3, 4] * 2').result).toBe('[[2, 4], [6, 8]]');
    expect(calculate('2 > 1').result).toBe(true);
  });

  it('starts every call with an empty scope', () => {
    calculate('secret = 42');
    expect(() => calculate('secret')).toThrow(/Undefined symbol secret/);
  });
});

describe('calculator: errors are clear results, not crashes', () => {
  it.each([
    ['2 +', /Could not evaluate "2 \+": /],
    ['foo(3)', /Could not evaluate "foo\(3\)": Undefined function foo/],
    ['1 cm + 1 kg', /Could not evaluate .*Units do not match/],
    ['f(x) = x^2', /defines a function/],
  ])('%s', async (expression, expected) => {
    const result = await run(expression);
    expect(result.isError).toBe(true);
    expect(result.error?.code).toBe('tool-failed');
    expect(result.error?.message).toMatch(expected);
  });

  it('rejects a non-string expression through the schema', async () => {
    const result = await run(42);
    expect(result.error?.code).toBe('invalid-arguments');
    expect(result.error?.message).toBe('Invalid arguments for calculator: /expression must be string');
  });
});

describe('calculator: hostile expressions are refused and run no JavaScript', () => {
  const hostile = [
    'import({}, {})',
    'import({"sin": 1}, {"override": true})',
    "createUnit('x')",
    'createUnit("foo", "1 m")',
    'evaluate("1")',
    'parse("1 + 1")',
    'compile("1")',
    'simplify("x + x")',
    'derivative("x^2", "x")',
    'resolve("x", {})',
    'config({"number": "BigNumber"})',
    'constructor',
    '__proto__',
    'toString',
    '[].constructor.constructor("return process")()',
    'sin.constructor("return process")()',
    'cos.constructor.constructor("return this")()',
    '{}.constructor',
    '"abc".constructor',
    'f = sin; f.constructor',
    'x = {}; x["__proto__"].polluted = 1',
    'bignumber(2)^1e6',
    'zeros(100000, 100000)',
    '1:1e12',
    'ones([1e6, 1e6])',
    'kron([1, 2], [3, 4])',
    'Function("return 1")()',
    'eval("1")',
    'process.exit()',
    'globalThis',
  ];

  // An escape would reach JavaScript through the prototype chain (`sin.constructor` is the
  // realm's Function), not through the global bindings, so the spies sit on
  // Function.prototype.constructor as well; the payloads below would also leave a canary.
  const functionPrototype = Object.getPrototypeOf(() => undefined) as { constructor: FunctionConstructor };

  it.each(hostile)('%s', async (expression) => {
    // Taken before the global is spied on: afterwards `Function.prototype` is the spy's own.
    const constructorSpy = vi.spyOn(functionPrototype, 'constructor');
    const functionSpy = vi.spyOn(globalThis, 'Function');
    const evalSpy = vi.spyOn(globalThis, 'eval');
    const result = await run(expression);
    expect(result.isError).toBe(true);
    expect(result.error?.code).toBe('tool-failed');
    expect(result.error?.message).toMatch(/^Could not evaluate /);
    expect(functionSpy).not.toHaveBeenCalled();
    expect(constructorSpy).not.toHaveBeenCalled();
    expect(evalSpy).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  const CANARY = '__calculatorEscaped';
  const canaryPayloads = [
    `[].constructor.constructor("globalThis.${CANARY} = 1")()`,
    `sin.constructor("globalThis.${CANARY} = 1")()`,
    `f = cos; f.constructor.constructor("globalThis.${CANARY} = 1")()`,
    `"x".constructor.constructor("globalThis.${CANARY} = 1")()`,
    `{}.constructor.constructor("globalThis.${CANARY} = 1")()`,
    `Function("globalThis.${CANARY} = 1")()`,
    `eval("globalThis.${CANARY} = 1")`,
  ];

  it('the canary payload sets the canary when run as JavaScript (so its absence means something)', () => {
    new Function(`globalThis.${CANARY} = 1`)();
    expect((globalThis as Record<string, unknown>)[CANARY]).toBe(1);
    delete (globalThis as Record<string, unknown>)[CANARY];
  });

  it.each(canaryPayloads)('%s runs no JavaScript', async (expression) => {
    try {
      const result = await run(expression);
      expect(result.isError).toBe(true);
      expect((globalThis as Record<string, unknown>)[CANARY]).toBeUndefined();
    } finally {
      delete (globalThis as Record<string, unknown>)[CANARY];
    }
  });

  it('still works after every attack (the shared instance was not changed)', async () => {
    for (const expression of hostile) await run(expression);
    expect(calculate('sin(pi / 2) + 1').result).toBe(2);
    expect(calculate('5 km to mi').result).toBe('3.1068559611867 mi');
  });

  it('keeps the schema limit on expression length', async () => {
    const result = await run('1+'.repeat(600) + '1');
    expect(result.error?.code).toBe('invalid-arguments');
  });
});
