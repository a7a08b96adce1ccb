/** Command-line arguments of `npm run eval`, parsed with node:util and checked. */
import { formats } from '../core/formats';
import { parseOptions, required, UsageError } from './cli-options';
import { isEvalFormat, type EvalFormat } from '../eval/request';

export { UsageError } from './cli-options';

/** Printed with every argument error and for --help. */
export const USAGE = `Usage: npm run eval -- --data FILE --base-url URL --model NAME [options]

  --data FILE          examples: our JSONL, an MSAgent-Bench conversation file, or a BFCL question file
  --answers FILE       the BFCL possible-answer file for a BFCL question file
  --base-url URL       an OpenAI-compatible server, e.g. http://127.0.0.1:8000/v1
  --model NAME         the model name the server expects
  --api-key KEY        sent as a bearer token (default: $TABAGENT_API_KEY)
  --format NAME        native | auto | ${Object.keys(formats).filter((name) => name !== 'openai').join(' | ')} (default native)
  --limit N            only the first N examples
  --concurrency K      requests in flight at once (default 4)
  --max-tokens N       cap on each answer's length
  --no-follow-up       skip the final-answer step after the gold tool results
  --out DIR            results.jsonl and summary.json go here; rerunning with the same DIR resumes
                       (default eval-out/<data>-<model>-<format>)
  -h, --help           show this help`;

/** Checked arguments. */
export interface EvalArgs {
  data: string;
  answers?: string;
  baseUrl: string;
  model: string;
  apiKey?: string;
  format: EvalFormat;
  limit?: number;
  concurrency: number;
  maxTokens?: number;
  followUp: boolean;
  out: string;
}

/** Parsed arguments, or 'help'. Throws UsageError on anything wrong. */
export function parseEvalArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): EvalArgs | 'help' {
  const values = parseOptions(argv, {
    data: { type: 'string' },
    answers: { type: 'string' },
    'base-url': { type: 'string' },
    model: { type: 'string' },
    'api-key': { type: 'string' },
    format: { type: 'string', default: 'native' },
    limit: { type: 'string' },
    concurrency: { type: 'string', default: '4' },
    'max-tokens': { type: 'string' },
    'no-follow-up': { type: 'boolean', default: false },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  if (values.help) return 'help';
  const data = required(values.data, '--data');
  const baseUrl = required(values['base-url'], '--base-url');
  const model = required(values.model, '--model');
  if (!isEvalFormat(values.format)) throw new UsageError(`--format ${values.format} is not one of native, auto or a format name`);
  const format = values.format;
  const args: EvalArgs = {
    data,
    baseUrl,
    model,
    format,
    concurrency: positiveInteger(values.concurrency, '--concurrency'),
    followUp: !values['no-follow-up'],
    out: values.out ?? defaultOut(data, model, format),
  };
  const apiKey = values['api-key'] ?? env.TABAGENT_API_KEY;
  if (apiKey !== undefined && apiKey.trim() !== '') args.apiKey = apiKey;
  if (values.answers !== undefined) args.answers = values.answers;
  if (values.limit !== undefined) args.limit = positiveInteger(values.limit, '--limit');
  if (values['max-tokens'] !== undefined) args.maxTokens = positiveInteger(values['max-tokens'], '--max-tokens');
  return args;
}

function positiveInteger(value: string, name: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new UsageError(`${name} must be a whole number of at least 1, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** Same data, model and format → same folder, so a plain rerun resumes. */
function defaultOut(data: string, model: string, format: string): string {
  const base = data.split(/[\\/]/).pop()?.replace(/\.[^.]*$/, '') ?? 'data';
  const safe = (text: string): string => text.replace(/[^A-Za-z0-9._-]+/g, '_');
  return `eval-out/${safe(base)}-${safe(model)}-${safe(format)}`;
}
