/**
 * `npm run eval -- --data FILE --base-url URL --model NAME [...]`: scores a model behind an
 * OpenAI-compatible server on tool-use examples, prints the summary JSON on stdout and keeps
 * results.jsonl / summary.json in --out (a rerun with the same --out resumes). Progress goes to
 * stderr. Exit codes: 0 done, 1 bad data or failed examples, 2 bad arguments, 130 interrupted.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadDataset, DatasetError } from '../eval/dataset';
import { runEval } from '../eval/runner';
import { createOpenAICompatibleEngine } from '../llm/openai-compatible';
import { parseEvalArgs, UsageError, USAGE, type EvalArgs } from './eval-args';
import { checkRunIdentity, createFileResultStore } from './eval-files';

async function readArgumentFile(path: string, flag: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag} ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}`);
  }
}

async function run(args: EvalArgs): Promise<number> {
  const text = await readArgumentFile(args.data, '--data');
  const answers = args.answers === undefined ? undefined : await readArgumentFile(args.answers, '--answers');
  const dataset = loadDataset(text, answers);
  const examples = args.limit === undefined ? dataset.examples : dataset.examples.slice(0, args.limit);
  let engine;
  try {
    engine = createOpenAICompatibleEngine({
      baseUrl: args.baseUrl,
      model: args.model,
      apiKey: args.apiKey,
      // Text formats put the tools in the prompt; sending them natively as well would confuse the server.
      nativeToolCalls: args.format === 'native' || args.format === 'auto',
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const differs = await checkRunIdentity(args.out, {
    data: resolve(args.data),
    answers: args.answers === undefined ? null : resolve(args.answers),
    model: args.model,
    format: args.format,
  });
  if (differs !== null) {
    throw new UsageError(`--out ${args.out} holds a run with a different ${differs}; choose another --out to keep the results apart`);
  }
  const controller = new AbortController();
  const interrupt = (): void => controller.abort();
  process.once('SIGINT', interrupt);
  process.stderr.write(`eval: ${examples.length} ${dataset.kind} examples, ${args.model} (${args.format}), results in ${args.out}\n`);
  try {
    const outcome = await runEval({
      examples,
      engine,
      store: createFileResultStore(args.out),
      format: args.format,
      concurrency: args.concurrency,
      maxTokens: args.maxTokens,
      followUp: args.followUp,
      signal: controller.signal,
      onResult(result, { done, total }) {
        process.stderr.write(`[${done}/${total}] ${result.id} ${result.error === undefined ? 'ok' : `failed: ${result.error}`}\n`);
      },
    });
    if (outcome.skipped > 0) process.stderr.write(`eval: ${outcome.skipped} examples already had results (resumed)\n`);
    process.stdout.write(`${JSON.stringify(outcome.summary, null, 2)}\n`);
    if (outcome.aborted) {
      process.stderr.write('eval: interrupted; run the same command again to finish\n');
      return 130;
    }
    if (outcome.summary.errors > 0) {
      process.stderr.write(`eval: ${outcome.summary.errors} examples failed; run the same command again to retry them\n`);
      return 1;
    }
    return 0;
  } finally {
    process.off('SIGINT', interrupt);
  }
}

async function main(): Promise<number> {
  try {
    const args = parseEvalArgs(process.argv.slice(2), process.env);
    if (args === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    return await run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`eval: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof DatasetError) {
      process.stderr.write(`eval: bad data: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`eval: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main();
