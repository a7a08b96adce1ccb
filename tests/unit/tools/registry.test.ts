import { describe, expect, it, vi } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import type { ToolManifest } from '../../../src/tools/manifest';
import { ToolRegistry } from '../../../src/tools/registry';

function manifest(name: string, extra: Partial<ToolManifest> = {}): ToolManifest {
  return {
    name,
    description: `The ${name} tool.`,
    kind: 'builtin',
    sideEffects: false,
    allowedOrigins: [],
    parameters: { type: 'object', properties: {} },
    ...extra,
  };
}

const noop = async () => 'ok';

describe('ToolRegistry', () => {
  it('registers, lists, gets and unregisters tools', () => {
    const registry = new ToolRegistry();
    registry.register(manifest('alpha'), noop);
    registry.register(manifest('beta'), noop);
    expect(registry.list().map((tool) => tool.name)).toEqual(['alpha', 'beta']);
    expect(registry.get('alpha')?.manifest.name).toBe('alpha');
    expect(registry.get('alpha')?.implementation).toBe(noop);
    expect(registry.unregister('alpha')).toBe(true);
    expect(registry.unregister('alpha')).toBe(false);
    expect(registry.get('alpha')).toBeUndefined();
    expect(registry.list().map((tool) => tool.name)).toEqual(['beta']);
  });

  it('validates manifests on registration', () => {
    const registry = new ToolRegistry();
    expect(() => registry.register(manifest('bad name'), noop)).toThrow(/name: must match pattern/);
    expect(() => registry.register(manifest('constructor'), noop)).toThrow(/reserved/);
    expect(registry.list()).toEqual([]);
  });

  it('refuses a duplicate name unless asked to replace', () => {
    const registry = new ToolRegistry();
    registry.register(manifest('alpha'), noop);
    let error: unknown;
    try {
      registry.register(manifest('alpha'), noop);
    } catch (caught) {
      error = caught;
    }
    expect(TabagentError.is(error) && error.code).toBe('invalid-manifest');
    const other = async () => 'other';
    registry.register(manifest('alpha', { description: 'New.' }), other, { replace: true });
    expect(registry.get('alpha')?.manifest.description).toBe('New.');
    expect(registry.get('alpha')?.implementation).toBe(other);
  });

  it('refuses a missing implementation', () => {
    const registry = new ToolRegistry();
    expect(() => registry.register(manifest('alpha'), undefined as unknown as typeof noop)).toThrow(/no implementation/);
  });

  it('freezes a copy of the manifest: later edits to the original change nothing', () => {
    const registry = new ToolRegistry();
    const original = manifest('pay', { sideEffects: true });
    registry.register(original, noop);
    original.sideEffects = false;
    (original.parameters as Record<string, unknown>).type = 'array';
    const stored = registry.get('pay')?.manifest;
    expect(stored?.sideEffects).toBe(true);
    expect(stored?.parameters.type).toBe('object');
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen(stored?.parameters)).toBe(true);
  });

  it('adds built-ins without compiling their schemas, as a frozen copy, refusing unsafe names and duplicates', () => {
    const registry = new ToolRegistry();
    // A schema Ajv would refuse: register compiles it and throws, registerBuiltin does not look
    // (built-in manifests are checked by tests/unit/tools/public-manifests.test.ts instead).
    const unchecked = manifest('calc', { parameters: { type: 'object', properties: { x: { type: 'no-such-type' } } } });
    expect(() => new ToolRegistry().register(unchecked, noop)).toThrow(/invalid tool manifest/i);
    registry.registerBuiltin(unchecked, noop);
    (unchecked.parameters as Record<string, unknown>).type = 'array';
    const stored = registry.get('calc')?.manifest;
    expect(stored?.parameters.type).toBe('object');
    expect(Object.isFrozen(stored?.parameters)).toBe(true);
    expect(() => registry.registerBuiltin(manifest('calc'), noop)).toThrow(/already registered/);
    expect(() => registry.registerBuiltin(manifest('__proto__'), noop)).toThrow(/not allowed/);
  });

  it('enables and disables tools', () => {
    const registry = new ToolRegistry();
    registry.register(manifest('alpha'), noop);
    registry.register(manifest('beta'), noop, { enabled: false });
    expect(registry.enabledNames()).toEqual(['alpha']);
    expect(registry.isEnabled('beta')).toBe(false);
    expect(registry.setEnabled('beta', true)).toBe(true);
    expect(registry.setEnabled('alpha', false)).toBe(true);
    expect(registry.listEnabled().map((tool) => tool.name)).toEqual(['beta']);
    expect(registry.definitions()).toEqual([{ name: 'beta', description: 'The beta tool.', parameters: { type: 'object', properties: {} } }]);
    expect(registry.setEnabled('nope', true)).toBe(false);
    expect(registry.get('alpha')).toBeDefined();
  });

  it('treats hostile names as unknown tools', () => {
    const registry = new ToolRegistry();
    registry.register(manifest('alpha'), noop);
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype']) {
      expect(registry.get(name)).toBeUndefined();
      expect(registry.has(name)).toBe(false);
      expect(registry.isEnabled(name)).toBe(false);
      expect(registry.setEnabled(name, true)).toBe(false);
      expect(registry.unregister(name)).toBe(false);
      expect(registry.allowedOrigins(name)).toEqual([]);
    }
    expect(registry.get(undefined as unknown as string)).toBeUndefined();
    expect(registry.enabledNames()).toEqual(['alpha']);
  });

  it('combines manifest origins with origins granted at run time', () => {
    const registry = new ToolRegistry();
    let granted = ['https://api.example.com'];
    registry.register(manifest('web', { allowedOrigins: ['https://static.example.com'] }), noop, { origins: () => granted });
    expect(registry.allowedOrigins('web')).toEqual(['https://static.example.com', 'https://api.example.com']);
    granted = [];
    expect(registry.allowedOrigins('web')).toEqual(['https://static.example.com']);
  });

  it('tells subscribers about changes', () => {
    const registry = new ToolRegistry();
    const listener = vi.fn();
    const unsubscribe = registry.subscribe(listener);
    registry.register(manifest('alpha'), noop);
    registry.setEnabled('alpha', false);
    registry.setEnabled('alpha', false);
    registry.unregister('alpha');
    expect(listener).toHaveBeenCalledTimes(3);
    unsubscribe();
    registry.register(manifest('beta'), noop);
    expect(listener).toHaveBeenCalledTimes(3);
  });
});
