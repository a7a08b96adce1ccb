/**
 * Eval datasets. Our format is JSONL, one {@link EvalExample} per line:
 *
 * ```
 * {"id": "weather-1",
 *  "tools": [{"name": "get_weather", "description": "…", "parameters": {JSON Schema}}],
 *  "messages": [{"role": "user", "content": "Weather in Paris?"}],
 *  "gold": {"calls": [{"name": "get_weather", "arguments": {"city": "Paris"}}]},   // or {"text": "…"}
 *  "acceptable": [{"unit": ["celsius", ""]}],       // optional: accepted values per gold call argument
 *  "toolResults": [{"name": "get_weather", "content": "{\"temp\": 18}"}],          // optional
 *  "finalAnswer": "It is 18 °C in Paris."}                                        // optional
 * ```
 *
 * MSAgent-Bench conversation files and BFCL question (+ possible-answer) files are imported too; the
 * kind is recognised from the first record.
 */
import { importBfcl, isBfclAnswer, isBfclQuestion } from './import/bfcl';
import { readJsonRecords } from './import/json-lines';
import { importMsAgent, isMsAgentRecord } from './import/msagent';
import type { EvalExample } from './types';
import { DatasetError, validateExample } from './validate';
import { isRecord } from '../core/is-record';

export { DatasetError, validateExample };

/** The kinds of file {@link loadDataset} reads. */
export type DatasetKind = 'tabagent' | 'msagent' | 'bfcl';

/** A loaded dataset. */
export interface Dataset {
  kind: DatasetKind;
  examples: EvalExample[];
}

/** Recognises a file's kind from its first record; null when it is none of ours. */
export function detectDatasetKind(first: unknown): DatasetKind | 'bfcl-answers' | null {
  if (isMsAgentRecord(first)) return 'msagent';
  if (isBfclQuestion(first)) return 'bfcl';
  if (isBfclAnswer(first)) return 'bfcl-answers';
  if (isRecord(first) && 'gold' in first) return 'tabagent';
  return null;
}

/**
 * Reads a dataset from file text. `answersText` is the BFCL possible-answer file, needed for a BFCL
 * question file (except irrelevance categories, which have none). Throws DatasetError naming the line
 * and field of bad input; ids must be unique (results are keyed by id).
 */
export function loadDataset(text: string, answersText?: string): Dataset {
  const records = readJsonRecords(text);
  const first = records[0];
  if (first === undefined) throw new DatasetError('the data file holds no examples');
  const kind = detectDatasetKind(first.value);
  let examples: EvalExample[];
  switch (kind) {
    case 'tabagent':
      examples = records.map(({ line, value }) => validateExample(value, line));
      break;
    case 'msagent':
      examples = importMsAgent(records);
      break;
    case 'bfcl':
      examples = importBfcl(records, answersText === undefined ? [] : readJsonRecords(answersText));
      break;
    case 'bfcl-answers':
      throw new DatasetError('this is a BFCL possible-answer file: pass the question file as the data and this one as the answers', first.line);
    default:
      throw new DatasetError(
        'unrecognised record: expected our format ("gold"), an MSAgent-Bench conversation ("conversations") or a BFCL question ("question" and "function")',
        first.line,
      );
  }
  const seen = new Set<string>();
  for (const example of examples) {
    if (seen.has(example.id)) throw new DatasetError(`duplicate example id ${JSON.stringify(example.id)}`, undefined, 'id');
    seen.add(example.id);
  }
  return { kind, examples };
}
