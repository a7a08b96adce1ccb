/**
 * The teacher options of `npm run export-training`: a model behind any OpenAI-compatible server
 * that writes user requests (and the arguments of their calls) for each tool. What it writes goes
 * through the same schema validation and deduplication as template dialogues (src/data).
 */
import type { TeacherConfig } from '../data';
import { createOpenAICompatibleEngine } from '../llm/openai-compatible';

/** The teacher flags, for node:util `parseArgs`. */
export const TEACHER_OPTIONS = {
  'teacher-base-url': { type: 'string' },
  'teacher-model': { type: 'string' },
  'teacher-api-key': { type: 'string' },
  'teacher-per-tool': { type: 'string', default: '5' },
  'teacher-temperature': { type: 'string', default: '0.7' },
} as const;

/** Their lines of the usage text. */
export const TEACHER_USAGE = `  --teacher-base-url URL    an OpenAI-compatible server whose model writes requests too (optional)
  --teacher-model NAME      the teacher model's name (required with --teacher-base-url)
  --teacher-api-key KEY     bearer token for the teacher (default: $TABAGENT_TEACHER_API_KEY)
  --teacher-per-tool N      requests asked of the teacher per tool and language (default 5)
  --teacher-temperature T   the teacher's sampling temperature, 0..2 (default 0.7)`;

/** The parsed teacher flags. */
export interface TeacherArgValues {
  'teacher-base-url'?: string;
  'teacher-model'?: string;
  'teacher-api-key'?: string;
  'teacher-per-tool': string;
  'teacher-temperature': string;
}

/**
 * The teacher the flags configure, or undefined without `--teacher-base-url`. `usageError` makes
 * the error thrown for a bad flag (the CLI prints it with the usage and exits with code 2).
 */
export function teacherFromArgs(
  values: TeacherArgValues,
  env: Readonly<Record<string, string | undefined>>,
  usageError: (message: string) => Error,
  signal?: AbortSignal,
): TeacherConfig | undefined {
  const baseUrl = values['teacher-base-url']?.trim();
  const model = values['teacher-model']?.trim();
  if (!baseUrl) {
    if (model) throw usageError('--teacher-model needs --teacher-base-url');
    return undefined;
  }
  if (!model) throw usageError('--teacher-base-url needs --teacher-model');
  const perTool = Number(values['teacher-per-tool']);
  if (!/^\d+$/.test(values['teacher-per-tool'].trim()) || perTool < 1 || perTool > 100) {
    throw usageError(`--teacher-per-tool must be a whole number from 1 to 100, got "${values['teacher-per-tool']}"`);
  }
  const temperature = Number(values['teacher-temperature']);
  if (values['teacher-temperature'].trim() === '' || !Number.isFinite(temperature) || temperature < 0 || temperature > 2) {
    throw usageError(`--teacher-temperature must be a number from 0 to 2, got "${values['teacher-temperature']}"`);
  }
  const apiKey = values['teacher-api-key'] ?? env.TABAGENT_TEACHER_API_KEY;
  let engine;
  try {
    engine = createOpenAICompatibleEngine({
      baseUrl,
      model,
      ...(apiKey?.trim() ? { apiKey: apiKey.trim() } : {}),
      // The teacher answers in JSON text; it is never offered tools to call.
      nativeToolCalls: false,
    });
  } catch (error) {
    throw usageError(`--teacher-base-url: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { engine, perTool, temperature, ...(signal ? { signal } : {}) };
}
