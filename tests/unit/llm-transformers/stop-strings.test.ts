import { describe, expect, it } from 'vitest';
import { createStopMatcher } from '../../../src/llm/transformers/stop-strings';
import { createChunkQueue } from '../../../src/llm/transformers/chunk-queue';

describe('createStopMatcher', () => {
  it('passes text through when there are no stop strings', () => {
    const matcher = createStopMatcher();
    expect(matcher.push('hello ')).toEqual({ text: 'hello ', stopped: false });
    expect(matcher.flush()).toBe('');
  });

  it('finds a stop string split across deltas and drops it and everything after', () => {
    const matcher = createStopMatcher(['END']);
    expect(matcher.push('abc E')).toEqual({ text: 'abc ', stopped: false });
    expect(matcher.push('N')).toEqual({ text: '', stopped: false });
    expect(matcher.push('D tail')).toEqual({ text: '', stopped: true });
    expect(matcher.push('more')).toEqual({ text: '', stopped: true });
    expect(matcher.flush()).toBe('');
  });

  it('releases held text that turned out not to be a stop string', () => {
    const matcher = createStopMatcher(['END']);
    expect(matcher.push('xE')).toEqual({ text: 'x', stopped: false });
    expect(matcher.push('Nx')).toEqual({ text: 'ENx', stopped: false });
    expect(matcher.push('EN')).toEqual({ text: '', stopped: false });
    expect(matcher.flush()).toBe('EN');
  });

  it('stops at the earliest of several stop strings', () => {
    const matcher = createStopMatcher(['zz', 'b']);
    expect(matcher.push('a b zz')).toEqual({ text: 'a ', stopped: true });
  });
});

describe('createChunkQueue', () => {
  it('delivers values in order, then the end', async () => {
    const queue = createChunkQueue<number>();
    const first = queue.next();
    queue.push(1);
    queue.push(2);
    queue.close();
    expect(await first).toBe(1);
    expect(await queue.next()).toBe(2);
    expect(await queue.next()).toBeUndefined();
  });

  it('fails at once, dropping queued values', async () => {
    const queue = createChunkQueue<number>();
    queue.push(1);
    queue.fail(new Error('stop'));
    queue.push(2);
    await expect(queue.next()).rejects.toThrow('stop');
  });
});
