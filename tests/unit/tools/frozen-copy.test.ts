import { describe, expect, it } from 'vitest';
import { NotJsonDataError, deepCopyJson, deepFreeze, freezeCall } from '../../../src/tools/frozen-copy';

describe('deepCopyJson', () => {
  it('copies JSON data deeply', () => {
    const value = { a: [1, { b: 'x' }], c: null, d: true };
    const copy = deepCopyJson(value);
    expect(copy).toEqual(value);
    expect(copy.a).not.toBe(value.a);
    expect(copy.a[1]).not.toBe(value.a[1]);
  });

  it('keeps a "__proto__" key as an own property without touching any prototype', () => {
    const value = JSON.parse('{"__proto__":{"polluted":true},"x":1}') as Record<string, unknown>;
    const copy = deepCopyJson(value);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'x']);
    expect((copy as { polluted?: unknown }).polluted).toBeUndefined();
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('reads each property once, so a getter cannot change what was checked', () => {
    let reads = 0;
    const value = {
      get amount() {
        reads += 1;
        return reads === 1 ? 5 : 5000;
      },
    };
    const copy = deepCopyJson(value);
    expect(copy.amount).toBe(5);
    expect(copy.amount).toBe(5);
    expect(reads).toBe(1);
  });

  it.each([
    ['a function', { f: () => 1 }, /f is a function/],
    ['a class instance', { when: new Date(0) }, /when is not a plain object/],
    ['a bigint', { n: BigInt(1) }, /n is a bigint/],
    ['a symbol', { s: Symbol('x') }, /s is a symbol/],
  ])('refuses %s', (_label, value, expected) => {
    expect(() => deepCopyJson(value)).toThrow(NotJsonDataError);
    expect(() => deepCopyJson(value)).toThrow(expected);
  });

  it('refuses cycles and absurd nesting', () => {
    const looped: Record<string, unknown> = {};
    looped.self = looped;
    expect(() => deepCopyJson(looped)).toThrow(/refers to itself/);
    let deep: unknown = 1;
    for (let depth = 0; depth < 1000; depth++) deep = [deep];
    expect(() => deepCopyJson(deep)).toThrow(/nested more than/);
  });

  it('allows shared (non-cyclic) references', () => {
    const shared = { x: 1 };
    expect(deepCopyJson({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } });
  });
});

describe('deepFreeze and freezeCall', () => {
  it('freezes every level', () => {
    const value = deepFreeze({ a: { b: [1, { c: 2 }] } });
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
  });

  it('makes a detached, frozen call with only id, name and arguments', () => {
    const original = { id: 'c1', name: 'send', arguments: { to: 'alice' }, extra: 'dropped' };
    const frozen = freezeCall(original);
    expect(frozen).toEqual({ id: 'c1', name: 'send', arguments: { to: 'alice' } });
    original.arguments.to = 'mallory';
    expect(frozen.arguments.to).toBe('alice');
    expect(Object.isFrozen(frozen) && Object.isFrozen(frozen.arguments)).toBe(true);
  });
});
