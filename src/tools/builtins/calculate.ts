import type { MathJsInstance } from 'mathjs';
import { restrictedMath } from './restricted-math';

/** Longest text result handed to the model (a big matrix would flood its context). */
const MAX_RESULT_CHARS = 4000;

const PERCENT_OF = /(\d+(?:\.\d+)?|\.\d+)\s*(?:%|\s+percent)\s+of\s+/gi;
const PERCENT_WORD = /(\d+(?:\.\d+)?|\.\d+)\s+percent\b/gi;

/**
 * Rewrites the everyday notation models copy from the question into mathjs syntax:
 * `X% of Y` → `(X / 100) * Y`, `X percent` → `X%`, `×`/`÷`/`−` → `*`/`/`/`-`, and drops a
 * trailing `?` or `=`. Plain `%` is left to mathjs, which reads `50%` as 0.5 and `200 + 15%` as 230.
 */
export function normaliseExpression(expression: string): string {
  return expression
    .replace(/[×✕]/g, '*')
    .replace(/÷/g, '/')
    .replace(/−/g, '-')
    .replace(PERCENT_OF, '($1 / 100) * ')
    .replace(PERCENT_WORD, '$1%')
    .replace(/[\s?=]+$/, '')
    .trim();
}

/** Turns a mathjs value into what the model gets: a number where possible, else mathjs's text. */
function present(math: MathJsInstance, value: unknown): number | string | boolean {
  if (math.isResultSet(value)) {
    // "a = 3; a * 2" gives every statement's value; the last one is the answer.
    if (value.entries.length === 0) throw new Error('the expression produced no value');
    return present(math, value.entries[value.entries.length - 1]);
  }
  if (typeof value === 'number') {
    // 15 significant digits hide binary noise (0.1 + 0.2) without losing real precision;
    // Infinity and NaN become text because JSON has no way to carry them.
    return Number.isFinite(value) ? Number(value.toPrecision(15)) : String(value);
  }
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'function') throw new Error('the expression defines a function; call it with values to get a result');
  if (value === undefined || value === null) throw new Error('the expression produced no value');
  const text = math.format(value, { precision: 14 });
  if (text.length > MAX_RESULT_CHARS) throw new Error(`the result is too large to show (${text.length} characters)`);
  return text;
}

/**
 * Evaluates one expression with the restricted mathjs instance and a fresh scope (so nothing
 * carries over between calls). Never uses JavaScript `eval` or `Function`.
 */
export function calculate(expression: string): { expression: string; result: number | string | boolean; interpretedAs?: string } {
  const { math, evaluate } = restrictedMath();
  const normalised = normaliseExpression(expression);
  try {
    const result = present(math, evaluate(normalised, new Map<string, unknown>()));
    return normalised === expression.trim() ? { expression, result } : { expression, result, interpretedAs: normalised };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const shown = expression.length > 200 ? `${expression.slice(0, 197)}...` : expression;
    throw new Error(`Could not evaluate "${shown}": ${reason}`);
  }
}
