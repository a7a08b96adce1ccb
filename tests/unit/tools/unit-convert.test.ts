import { describe, expect, it } from 'vitest';
import { implementation, manifest } from '../../../src/tools/builtins/unit-convert';
import { convert } from '../../../src/tools/builtins/convert-units';
import { createToolExecutor } from '../../../src/tools/executor';
import { ToolRegistry } from '../../../src/tools/registry';

async function run(args: Record<string, unknown>) {
  const registry = new ToolRegistry();
  registry.register(manifest, implementation);
  return createToolExecutor(registry).execute({ id: 'u1', name: 'unit_convert', arguments: args });
}

describe('unit_convert', () => {
  it('converts km to mi', async () => {
    const result = await run({ value: 42.195, from: 'km', to: 'mi' });
    expect(JSON.parse(result.content)).toEqual({ value: 42.195, from: 'km', to: 'mi', result: 26.2187574565, text: '26.2187574565 mi' });
  });

  it('converts temperatures, offsets included', () => {
    expect(convert(100, 'degC', 'degF').result).toBe(212);
    expect(convert(32, 'degF', 'degC').result).toBe(0);
    expect(convert(0, 'degC', 'K').result).toBe(273.15);
    expect(convert(-40, '°C', 'fahrenheit').result).toBe(-40);
  });

  it.each([
    [1, 'lb', 'kg', 0.45359237],
    [1, 'gal', 'l', 3.785411784],
    [100, 'km/h', 'mph', 62.1371192237],
    [100, 'kph', 'm/s', 27.7777777778],
    [90, 'min', 'h', 1.5],
    [2, 'week', 'day', 14],
    [1, 'GiB', 'MB', 1073.741824],
    [5, 'MB', 'MiB', 4.76837158203],
    [8, 'bit', 'B', 1],
    [12, 'inches', 'feet', 1],
  ])('%s %s → %s', (value, from, to, expected) => {
    expect(convert(value, from, to).result).toBe(expected);
  });

  it('refuses incompatible units with a clear error', async () => {
    const result = await run({ value: 1, from: 'kg', to: 'm' });
    expect(result.isError).toBe(true);
    expect(result.error?.message).toBe('Cannot convert kg to m: they measure different things (mass vs length).');
  });

  it('refuses unknown units', async () => {
    const result = await run({ value: 1, from: 'florps', to: 'm' });
    expect(result.error?.message).toBe('Cannot convert florps to m: Unit "florps" not found.');
  });

  it('requires a number value', async () => {
    const result = await run({ value: '5', from: 'km', to: 'mi' });
    expect(result.error?.code).toBe('invalid-arguments');
    expect(result.error?.message).toBe('Invalid arguments for unit_convert: /value must be number');
  });
});
