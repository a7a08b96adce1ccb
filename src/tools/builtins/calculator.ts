import type { ToolManifest } from '../manifest';
import { builtinManifest } from './builtin-manifest';
import type { ToolImplementation } from '../registry';

export const manifest: ToolManifest = builtinManifest({
  name: 'calculator',
  description:
    'Evaluates a math expression exactly. Supports arithmetic with precedence and parentheses, ' +
    'percentages ("12.5% of 240", "200 + 15%"), powers and roots, trigonometry ("sin(30 deg)"), ' +
    'logarithms, statistics (mean, median, std), matrices, and units ("5 km + 300 m", "3 ft to cm"). ' +
    'Use it for any calculation instead of computing in your head.',
  // Computed here from the arguments alone: its results bring no outside text into the prompt.
  trustedOutput: true,
  parameters: {
    type: 'object',
    properties: {
      expression: {
        type: 'string',
        minLength: 1,
        maxLength: 1000,
        description: 'The expression, e.g. "(3 + 4) * 2", "sqrt(2)", "12.5% of 240", "5 km to mi".',
      },
    },
    required: ['expression'],
    additionalProperties: false,
  },
  examples: [
    { query: 'What is 12.5% of 240?', arguments: { expression: '12.5% of 240' } },
    { query: 'How much is (17 + 8) times 3 squared?', arguments: { expression: '(17 + 8) * 3^2' } },
    { query: 'What is the square root of 2 divided by 7?', arguments: { expression: 'sqrt(2) / 7' } },
  ],
});

// mathjs is large: it loads on the first calculation, not with the app.
export const implementation: ToolImplementation = async (args) =>
  (await import('./calculate')).calculate(String(args.expression));
