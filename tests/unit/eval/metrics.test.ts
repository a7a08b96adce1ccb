import { describe, expect, it } from 'vitest';
import { actionExactMatch } from '../../../src/eval/metrics/action-em';
import { argumentCounts, precisionRecall } from '../../../src/eval/metrics/argument-f1';
import { hallucinatedCalls, isWellFormed, noCallCorrect } from '../../../src/eval/metrics/call-quality';
import { lcsLength, rougeL, rougeTokens } from '../../../src/eval/metrics/rouge-l';
import { summarize } from '../../../src/eval/metrics/summary';
import { matchesAccepted, valuesEqual } from '../../../src/eval/values';
import type { EvalCall } from '../../../src/eval/types';

const call = (name: string, args: Record<string, unknown> = {}): EvalCall => ({ name, arguments: args });
const named = (...names: string[]) => names.map((name) => ({ name }));

describe('Action EM', () => {
  it('matches a single call by name', () => {
    expect(actionExactMatch(named('a'), named('a'))).toBe(true);
    expect(actionExactMatch(named('b'), named('a'))).toBe(false);
  });

  it('treats "no call" as an action', () => {
    expect(actionExactMatch([], [])).toBe(true);
    expect(actionExactMatch(named('a'), [])).toBe(false);
    expect(actionExactMatch([], named('a'))).toBe(false);
  });

  it('compares multi-call turns as multisets, in any order', () => {
    expect(actionExactMatch(named('a', 'b', 'a'), named('a', 'a', 'b'))).toBe(true);
    expect(actionExactMatch(named('a', 'b'), named('a', 'a'))).toBe(false);
    expect(actionExactMatch(named('a'), named('a', 'a'))).toBe(false);
  });
});

describe('value normalisation', () => {
  it('trims and case-folds strings, compares numbers numerically and booleans with their text', () => {
    expect(valuesEqual('  Paris ', 'paris')).toBe(true);
    expect(valuesEqual(5, '5.0')).toBe(true);
    expect(valuesEqual(0.1 + 0.2, 0.3)).toBe(false);
    expect(valuesEqual(true, 'True')).toBe(true);
    expect(valuesEqual(false, 'true')).toBe(false);
  });

  it('compares objects as canonical JSON and keeps array order', () => {
    expect(valuesEqual({ b: 1, a: 'X' }, { a: 'x', b: 1 })).toBe(true);
    expect(valuesEqual([1, 2], [2, 1])).toBe(false);
  });

  it('honours several accepted values, "" only as "may be left out", and BFCL nested lists', () => {
    expect(matchesAccepted('Paris, France', ['Paris', 'Paris, France'])).toBe(true);
    expect(matchesAccepted('Lyon', ['Paris', ''])).toBe(false);
    expect(matchesAccepted({ k: 'v' }, [{ k: ['v', 'w'], opt: [''] }])).toBe(true);
    expect(matchesAccepted({ k: 'v', extra: 1 }, [{ k: ['v'] }])).toBe(false);
    expect(matchesAccepted({ opt: 1 }, [{ k: ['v'], opt: [1] }])).toBe(false);
  });
});

describe('Argument F1', () => {
  it('counts one right and one wrong value: P = R = F1 = 1/2', () => {
    const counts = argumentCounts([call('w', { city: 'paris ', unit: 'Fahrenheit' })], [call('w', { city: 'Paris', unit: 'celsius' })]);
    expect(counts).toEqual({ correct: 1, predicted: 2, gold: 2 });
    expect(precisionRecall(counts)).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
  });

  it('does not require optional arguments but scores them when given', () => {
    const gold = [call('area', { base: 10, height: 5 })];
    const acceptable = [{ unit: ['units', ''] }];
    expect(argumentCounts([call('area', { base: '10', height: 5 })], gold, acceptable)).toEqual({ correct: 2, predicted: 2, gold: 2 });
    // unit supplied wrongly: 2 right of 3 predicted, and it joins the gold pairs: P = R = 2/3.
    const wrong = argumentCounts([call('area', { base: 10, height: 5, unit: 'cm' })], gold, acceptable);
    expect(wrong).toEqual({ correct: 2, predicted: 3, gold: 3 });
    expect(precisionRecall(wrong).f1).toBeCloseTo(2 / 3, 10);
  });

  it('charges an unknown extra argument to precision only: P = 2/3, R = 1, F1 = 0.8', () => {
    const counts = argumentCounts([call('f', { a: 1, b: 2, c: 3 })], [call('f', { a: 1, b: 2 })]);
    expect(counts).toEqual({ correct: 2, predicted: 3, gold: 2 });
    const scores = precisionRecall(counts);
    expect(scores.precision).toBeCloseTo(2 / 3, 10);
    expect(scores.recall).toBe(1);
    expect(scores.f1).toBeCloseTo(0.8, 10);
  });

  it('pairs parallel calls of one tool by best overlap: 3 of 4 pairs right', () => {
    const gold = [call('play', { artist: 'Taylor Swift', duration: 20 }), call('play', { artist: 'Maroon 5', duration: 15 })];
    const predicted = [call('play', { artist: 'Maroon 5', duration: 15 }), call('play', { artist: 'Taylor Swift', duration: 25 })];
    expect(argumentCounts(predicted, gold)).toEqual({ correct: 3, predicted: 4, gold: 4 });
    expect(precisionRecall(argumentCounts(predicted, gold)).f1).toBe(0.75);
  });

  it('gives nothing for the wrong tool or a missing call', () => {
    const wrongTool = argumentCounts([call('g', { x: 1 })], [call('f', { x: 1 })]);
    expect(wrongTool).toEqual({ correct: 0, predicted: 1, gold: 1 });
    expect(precisionRecall(wrongTool).f1).toBe(0);
    const missing = argumentCounts([], [call('f', { a: 1, b: 2 })]);
    expect(missing).toEqual({ correct: 0, predicted: 0, gold: 2 });
    expect(precisionRecall(missing)).toEqual({ precision: 1, recall: 0, f1: 0 });
  });

  it('scores argument-less calls by whether the call matched', () => {
    const counts = argumentCounts([call('now')], [call('now')]);
    expect(counts).toEqual({ correct: 0, predicted: 0, gold: 0 });
    expect(precisionRecall(counts, 1).f1).toBe(1);
    expect(precisionRecall(counts, 0).f1).toBe(0);
  });
});

describe('ROUGE-L', () => {
  it('tokenises CJK characters singly and Latin words lower-cased', () => {
    expect(rougeTokens('Hello, World! 你好世界 abc中文 ＡＢ')).toEqual(['hello', 'world', '你', '好', '世', '界', 'abc', '中', '文', 'ab']);
  });

  it('computes the LCS-based F-measure: 5 of 6 words in order', () => {
    expect(lcsLength(['a', 'b', 'c'], ['a', 'c'])).toBe(2);
    const score = rougeL('The cat sat on the mat.', 'the cat is on the mat');
    expect(score.precision).toBeCloseTo(5 / 6, 10);
    expect(score.f1).toBeCloseTo(5 / 6, 10);
  });

  it('weighs precision and recall: P = 1/2, R = 1, F = 2/3', () => {
    const score = rougeL('a b c d', 'a c');
    expect(score).toEqual({ precision: 0.5, recall: 1, f1: 2 / 3 });
  });

  it('scores Chinese by characters: 4 of 6 shared, F = 2/3', () => {
    expect(rougeL('今天天气很好', '今天天气不错').f1).toBeCloseTo(2 / 3, 10);
  });

  it('handles empty texts', () => {
    expect(rougeL('', '').f1).toBe(1);
    expect(rougeL('something', '').f1).toBe(0);
    expect(rougeL('!!!', 'words').f1).toBe(0);
  });
});

describe('call quality and no-call accuracy', () => {
  it('defines well-formed over outputs that attempted calls', () => {
    expect(isWellFormed({ attempted: true, problems: [], calls: named('a') })).toBe(true);
    expect(isWellFormed({ attempted: true, problems: ['invalid-json: …'], calls: [] })).toBe(false);
    expect(isWellFormed({ attempted: false, problems: [], calls: [] })).toBe(false);
  });

  it('counts calls to tools the example does not offer', () => {
    expect(hallucinatedCalls(named('a', 'zz', 'a', 'yy'), ['a', 'b'])).toBe(2);
  });

  it('counts no-call accuracy only where gold makes no call', () => {
    expect(noCallCorrect(0, 0)).toBe(true);
    expect(noCallCorrect(1, 0)).toBe(false);
    expect(noCallCorrect(0, 1)).toBeNull();
  });
});

describe('summary', () => {
  it('aggregates hand-made scores into rates with counts', () => {
    const base = { actionEM: true, argument: null, rougeL: null, attempted: false, wellFormed: false, calls: 0, hallucinated: 0, noCall: null };
    const summary = summarize([
      { durationMs: 10, scores: { ...base, argument: { correct: 2, predicted: 2, gold: 2, precision: 1, recall: 1, f1: 1 }, attempted: true, wellFormed: true, calls: 1 } },
      { durationMs: 20, scores: { ...base, actionEM: false, argument: { correct: 1, predicted: 2, gold: 3, precision: 0.5, recall: 1 / 3, f1: 0.4 }, attempted: true, calls: 2, hallucinated: 1 } },
      { durationMs: 30, scores: { ...base, rougeL: 0.5, noCall: true } },
      { durationMs: 40, scores: { ...base, actionEM: false, attempted: true, wellFormed: true, calls: 1, hallucinated: 1, noCall: false } },
      { durationMs: 5, error: 'server said 500' },
    ]);
    expect(summary.examples).toBe(5);
    expect(summary.scored).toBe(4);
    expect(summary.errors).toBe(1);
    expect(summary.actionEM).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    expect(summary.argumentF1.value).toBeCloseTo(0.7, 10);
    expect(summary.argumentF1.count).toBe(2);
    expect(summary.argumentF1.micro).toMatchObject({ correct: 3, predicted: 4, gold: 5, precision: 0.75, recall: 0.6 });
    expect(summary.argumentF1.micro.f1).toBeCloseTo(2 / 3, 10);
    expect(summary.rougeL).toEqual({ value: 0.5, count: 1 });
    expect(summary.wellFormedCallRate).toEqual({ value: 2 / 3, numerator: 2, denominator: 3 });
    expect(summary.hallucinatedToolRate).toEqual({ value: 0.5, numerator: 2, denominator: 4 });
    expect(summary.noCallAccuracy).toEqual({ value: 0.5, numerator: 1, denominator: 2 });
    expect(summary.durationMs).toEqual({ total: 105, mean: 21 });
  });

  it('reports null values when nothing was counted', () => {
    const summary = summarize([]);
    expect(summary.actionEM.value).toBeNull();
    expect(summary.argumentF1.value).toBeNull();
    expect(summary.rougeL.value).toBeNull();
  });
});
