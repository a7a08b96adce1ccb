import type { ToolManifest } from '../manifest';
import { builtinManifest } from './builtin-manifest';
import type { ToolImplementation } from '../registry';

export const manifest: ToolManifest = builtinManifest({
  name: 'unit_convert',
  description:
    'Converts a quantity between units of the same kind: length (m, km, mi, ft, inch), mass (kg, g, lb, oz), ' +
    'temperature (degC, degF, K), volume (l, ml, gal, cup), speed (km/h, mph, m/s), time (s, min, h, day, week), ' +
    'data (b, B, kB, MB, GB, KiB, MiB, GiB), area, energy, pressure and more.',
  // Computed here from the arguments alone: its results bring no outside text into the prompt.
  trustedOutput: true,
  parameters: {
    type: 'object',
    properties: {
      value: { type: 'number', description: 'The amount to convert.' },
      from: { type: 'string', minLength: 1, maxLength: 64, description: 'Unit of the value, e.g. "km", "degC", "MB", "km/h".' },
      to: { type: 'string', minLength: 1, maxLength: 64, description: 'Unit to convert to, e.g. "mi", "degF", "MiB", "mph".' },
    },
    required: ['value', 'from', 'to'],
    additionalProperties: false,
  },
  examples: [
    { query: 'How many miles is 42.195 km?', arguments: { value: 42.195, from: 'km', to: 'mi' } },
    { query: 'Convert 100 degrees Fahrenheit to Celsius', arguments: { value: 100, from: 'degF', to: 'degC' } },
  ],
});

// mathjs is large: it loads on the first conversion, not with the app.
export const implementation: ToolImplementation = async (args) =>
  (await import('./convert-units')).convert(Number(args.value), String(args.from), String(args.to));
