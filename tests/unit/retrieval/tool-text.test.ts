import { describe, expect, it } from 'vitest';
import { splitIdentifier, toolSearchText } from '../../../src/retrieval/tool-text';

describe('toolSearchText', () => {
  it('splits identifiers into words', () => {
    expect(splitIdentifier('get_current_weather')).toBe('get current weather');
    expect(splitIdentifier('convertUnits')).toBe('convert units');
    expect(splitIdentifier('pdf-to.text')).toBe('pdf to text');
  });

  it('indexes name, description, parameters with their enums, and examples', () => {
    const text = toolSearchText({
      name: 'unit_convert',
      description: 'Converts a quantity between units.',
      parameters: {
        type: 'object',
        properties: {
          toUnit: { type: 'string', description: 'Target unit', enum: ['km', 'mi'] },
          value: { type: 'number' },
        },
      },
      examples: [{ query: 'How many miles is 10 km?' }],
    });
    expect(text.split('\n')).toEqual([
      'unit convert',
      'Converts a quantity between units.',
      'to unit: Target unit: km, mi',
      'value',
      'How many miles is 10 km?',
    ]);
  });

  it('tolerates a missing or malformed schema', () => {
    expect(toolSearchText({ name: 'x', description: 'd', parameters: 'nope' })).toBe('x\nd');
    expect(toolSearchText({ name: 'x', description: '', parameters: { properties: [] } })).toBe('x');
  });
});
