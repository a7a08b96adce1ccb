import { describe, expect, it } from 'vitest';
import { lockDownGlobals, WORKER_ESCAPE_GLOBALS } from '../../../src/tools/sandbox/lock-down';

describe('lockDownGlobals', () => {
  it('replaces network and storage globals with a frozen undefined that cannot be restored', () => {
    const scope: Record<string, unknown> = { fetch: () => 'sent', indexedDB: { open: () => 'opened' }, postMessage: () => 'kept' };
    expect(lockDownGlobals(scope)).toEqual([]);
    expect(scope.fetch).toBeUndefined();
    expect(scope.indexedDB).toBeUndefined();
    // postMessage stays: it is how the worker answers the page.
    expect(typeof scope.postMessage).toBe('function');
    expect(() => {
      'use strict';
      scope.fetch = () => 'restored';
    }).toThrow(TypeError);
    expect(() => Object.defineProperty(scope, 'fetch', { value: () => 'restored' })).toThrow(TypeError);
    expect(scope.fetch).toBeUndefined();
  });

  it('covers every way out a worker has', () => {
    for (const name of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'indexedDB', 'caches', 'importScripts', 'BroadcastChannel', 'navigator']) {
      expect(WORKER_ESCAPE_GLOBALS).toContain(name);
    }
  });

  it('reports names it could not replace', () => {
    const scope = {};
    Object.defineProperty(scope, 'fetch', { value: () => 'sent', configurable: false, writable: false });
    expect(lockDownGlobals(scope, ['fetch'])).toEqual(['fetch']);
  });
});
