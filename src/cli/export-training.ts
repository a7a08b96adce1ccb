/**
 * `npm run export-training -- [options]`: writes train.jsonl and test.jsonl for Weighted-LM
 * fine-tuning from tool manifests (template dialogues, and a teacher model's when one is named),
 * optionally with exported conversations, then prints a summary JSON. See docs/training-export.md.
 */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formats } from '../core/formats';
import type { FormatName } from '../core/formats/types';
import { buildDataset, EXPORT_FORMATS, LANGUAGES, type ExportFormat, type Language, type StoredConversation } from '../data';
import { validateManifest, type ToolManifest } from '../tools/manifest';
import { TEACHER_OPTIONS, TEACHER_USAGE, teacherFromArgs } from './teacher-args';

const USAGE = `Usage: npm run export-training -- [options]

  --manifests DIR_OR_FILES  manifest folder(s) or .json file(s), comma-separated or repeated
                            (default public/tool-manifests)
  --count N                 synthetic dialogues to generate (default 200)
  --languages en,zh         languages of the synthetic dialogues (default en,zh)
  --seed S                  random seed, an integer (default 1)
  --test-ratio R            share of the test split, 0..1 (default 0.1)
  --multiplier M            loss weight of tool-call spans (default 2.0)
  --format openai|sharegpt  output format (default openai)
  --span-format NAME        text format the spans are computed over (default hermes)
  --without-spans           leave the span extension out of OpenAI lines
  --conversations FILE      JSON array of stored conversations ({optIn, messages, tools?})
  --out DIR                 output folder (default training-data)
${TEACHER_USAGE}
  --help                    show this text`;

/** A mistake in the command line: printed with the usage, exit code 2. */
class UsageError extends Error {}

function number(name: string, text: string, check: (value: number) => boolean, rule: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || !check(value)) throw new UsageError(`--${name} must be ${rule}, got "${text}"`);
  return value;
}

function readOptions(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        manifests: { type: 'string', multiple: true },
        count: { type: 'string', default: '200' },
        languages: { type: 'string', default: 'en,zh' },
        seed: { type: 'string', default: '1' },
        'test-ratio': { type: 'string', default: '0.1' },
        multiplier: { type: 'string', default: '2.0' },
        format: { type: 'string', default: 'openai' },
        'span-format': { type: 'string', default: 'hermes' },
        'without-spans': { type: 'boolean', default: false },
        conversations: { type: 'string' },
        out: { type: 'string', default: 'training-data' },
        help: { type: 'boolean', default: false },
        ...TEACHER_OPTIONS,
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const values = parsed.values;
  const languages = values.languages.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const unknownLanguage = languages.find((entry) => !(LANGUAGES as readonly string[]).includes(entry));
  if (languages.length === 0 || unknownLanguage !== undefined) {
    throw new UsageError(`--languages must list some of ${LANGUAGES.join(', ')}, got "${values.languages}"`);
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${values.format}"`);
  }
  if (!Object.prototype.hasOwnProperty.call(formats, values['span-format'])) {
    throw new UsageError(`--span-format must be one of ${Object.keys(formats).join(', ')}, got "${values['span-format']}"`);
  }
  return {
    help: values.help,
    manifests: (values.manifests ?? ['public/tool-manifests']).flatMap((entry) => entry.split(',')).filter((entry) => entry !== ''),
    count: number('count', values.count, (value) => Number.isInteger(value) && value >= 0, 'a whole number ≥ 0'),
    languages: languages as Language[],
    seed: number('seed', values.seed, Number.isSafeInteger, 'an integer'),
    testRatio: number('test-ratio', values['test-ratio'], (value) => value >= 0 && value <= 1, 'between 0 and 1'),
    multiplier: number('multiplier', values.multiplier, (value) => value > 0, 'a number > 0'),
    format: values.format as ExportFormat,
    spanFormat: values['span-format'] as FormatName,
    includeSpans: !values['without-spans'],
    conversations: values.conversations,
    out: values.out,
    teacher: values,
  };
}

/** Every manifest file named by `paths` (folders give their *.json files), sorted for a stable order. */
async function manifestFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => undefined);
    if (!info) throw new UsageError(`--manifests: ${path} does not exist`);
    if (!info.isDirectory()) files.push(path);
    else {
      const entries = (await readdir(path)).filter((name) => name.endsWith('.json')).sort();
      files.push(...entries.map((name) => join(path, name)));
    }
  }
  return files;
}

async function loadManifests(paths: readonly string[]): Promise<ToolManifest[]> {
  const manifests: ToolManifest[] = [];
  for (const file of await manifestFiles(paths)) {
    const text = await readFile(file, 'utf8');
    try {
      manifests.push(validateManifest(JSON.parse(text)));
    } catch (error) {
      throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
  }
  if (manifests.length === 0) throw new UsageError(`--manifests: no manifest files found in ${paths.join(', ')}`);
  return manifests.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function loadConversations(file: string | undefined): Promise<StoredConversation[]> {
  if (file === undefined) return [];
  const value: unknown = JSON.parse(await readFile(file, 'utf8'));
  if (!Array.isArray(value)) throw new Error(`${file}: expected a JSON array of conversations`);
  return value as StoredConversation[];
}

async function main(argv: string[]): Promise<number> {
  const options = readOptions(argv);
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const controller = new AbortController();
  const teacher = teacherFromArgs(options.teacher, process.env, (message) => new UsageError(message), controller.signal);
  const manifests = await loadManifests(options.manifests);
  const interrupt = (): void => controller.abort();
  process.once('SIGINT', interrupt);
  if (teacher) process.stderr.write(`export-training: asking the teacher for ${teacher.perTool} requests per tool and language…\n`);
  const dataset = await buildDataset({
    manifests,
    count: options.count,
    languages: options.languages,
    seed: options.seed,
    testRatio: options.testRatio,
    multiplier: options.multiplier,
    format: options.format,
    spanFormat: options.spanFormat,
    includeSpans: options.includeSpans,
    conversations: await loadConversations(options.conversations),
    ...(teacher ? { teacher } : {}),
  }).finally(() => process.off('SIGINT', interrupt));
  const out = resolve(options.out);
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'train.jsonl'), dataset.train, 'utf8');
  await writeFile(join(out, 'test.jsonl'), dataset.test, 'utf8');
  process.stdout.write(`${JSON.stringify({ out, ...dataset.summary }, null, 2)}\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`export-training: ${error.message}\n\n${USAGE}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`export-training: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
