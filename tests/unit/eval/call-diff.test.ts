import { describe, expect, it } from 'vitest';
import { diffCalls } from '../../../src/eval/call-diff';
import { argumentCounts } from '../../../src/eval/metrics/argument-f1';
import type { EvalCall } from '../../../src/eval/types';

const call = (name: string, args: Record<string, unknown> = {}): EvalCall => ({ name, arguments: args });

describe('diffCalls', () => {
  it('marks every argument of a perfect answer as a match, accepting alternative values', () => {
    const gold = [call('get_weather', { city: 'Paris' })];
    const acceptable = [{ city: ['Paris', 'Paris, France'], unit: ['celsius', ''] }];
    const diff = diffCalls([call('get_weather', { city: 'paris, france ' })], gold, acceptable, ['get_weather']);
    expect(diff.expected).toEqual([
      {
        call: gold[0],
        status: 'match',
        producedIndex: 0,
        arguments: [{ name: 'city', status: 'match', expected: 'Paris', alsoAccepted: ['Paris, France'], produced: 'paris, france ' }],
      },
    ]);
    expect(diff.produced[0]).toMatchObject({ status: 'match', knownTool: true, expectedIndex: 0 });
    expect(diff.produced[0]?.arguments).toEqual([{ name: 'city', status: 'match', expected: 'Paris', produced: 'paris, france ' }]);
  });

  it('marks a wrong value on both sides, a missing required one and an optional one left out', () => {
    const gold = [call('convert', { amount: 250, from: 'GBP', to: 'JPY', round: true })];
    const acceptable = [{ round: [true, ''] }];
    const diff = diffCalls([call('convert', { amount: '250', from: 'GBP' , to: 'USD' })], gold, acceptable);
    const statuses = Object.fromEntries(diff.expected[0]?.arguments.map((entry) => [entry.name, entry.status]) ?? []);
    expect(statuses).toEqual({ amount: 'match', from: 'match', to: 'wrong', round: 'optional-missing' });
    expect(diff.expected[0]?.status).toBe('arguments-differ');
    expect(diff.produced[0]?.arguments.find((entry) => entry.name === 'to')).toEqual({ name: 'to', status: 'wrong', expected: 'JPY', produced: 'USD' });
    expect(diff.produced[0]?.status).toBe('arguments-differ');

    const noTo = diffCalls([call('convert', { amount: 250, from: 'GBP' })], gold, acceptable);
    expect(noTo.expected[0]?.arguments.find((entry) => entry.name === 'to')?.status).toBe('missing');
  });

  it('flags an argument the gold call does not have, and shows an acceptable-only argument when it was used', () => {
    const gold = [call('get_weather', { city: 'Paris' })];
    const acceptable = [{ unit: ['celsius', ''] }];
    const diff = diffCalls([call('get_weather', { city: 'Paris', unit: 'kelvin', mood: 'sunny' })], gold, acceptable);
    expect(diff.expected[0]?.arguments.map((entry) => [entry.name, entry.status])).toEqual([
      ['unit', 'wrong'],
      ['city', 'match'],
    ]);
    expect(diff.expected[0]?.status).toBe('arguments-differ');
    expect(diff.produced[0]?.arguments.map((entry) => [entry.name, entry.status])).toEqual([
      ['city', 'match'],
      ['unit', 'wrong'],
      ['mood', 'unexpected'],
    ]);
  });

  it('reports gold calls not produced and produced calls nobody expected, with unknown tools', () => {
    const gold = [call('a', { x: 1 }), call('b', { y: 2 })];
    const diff = diffCalls([call('b', { y: 2 }), call('ghost', { z: 3 })], gold, undefined, ['a', 'b']);
    expect(diff.expected.map((entry) => [entry.call.name, entry.status, entry.producedIndex])).toEqual([
      ['a', 'missing', null],
      ['b', 'match', 0],
    ]);
    expect(diff.expected[0]?.arguments).toEqual([{ name: 'x', status: 'missing', expected: 1 }]);
    expect(diff.produced.map((entry) => [entry.call.name, entry.status, entry.knownTool, entry.expectedIndex])).toEqual([
      ['b', 'match', true, 1],
      ['ghost', 'unexpected', false, null],
    ]);
    expect(diff.produced[1]?.arguments).toEqual([{ name: 'z', status: 'unexpected', produced: 3 }]);
  });

  it('pairs parallel calls of one tool the way Argument F1 does', () => {
    const gold = [call('play', { artist: 'Taylor Swift', duration: 20 }), call('play', { artist: 'Maroon 5', duration: 15 })];
    const predicted = [call('play', { artist: 'Maroon 5', duration: 15 }), call('play', { artist: 'Taylor Swift', duration: 25 })];
    const diff = diffCalls(predicted, gold);
    expect(diff.expected.map((entry) => entry.producedIndex)).toEqual([1, 0]);
    expect(diff.expected.map((entry) => entry.status)).toEqual(['arguments-differ', 'match']);
    // The diff's matches are exactly the F1's correct pairs.
    const matches = diff.produced.flatMap((entry) => entry.arguments).filter((entry) => entry.status === 'match').length;
    expect(matches).toBe(argumentCounts(predicted, gold).correct);
    expect(matches).toBe(3);
  });
});
