import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCoreBench } from './core.bench';
import { runLlmBench } from './llm.bench';
import { runRetrievalBench } from './retrieval.bench';
import { runStartupBench } from './startup.bench';
import { runUiBench } from './ui.bench';

/** `npm run bench [-- name ...]`: runs the named benchmarks (all by default), writes bench/results/<name>.json. */
const benches: Record<string, () => Promise<Record<string, unknown>> | Record<string, unknown>> = {
  core: runCoreBench,
  llm: runLlmBench,
  retrieval: runRetrievalBench,
  startup: runStartupBench,
  ui: runUiBench,
};

const requested = process.argv.slice(2).filter((name) => !name.startsWith('-'));
const names = requested.length > 0 ? requested : Object.keys(benches);
const resultsDir = join(import.meta.dirname, 'results');
mkdirSync(resultsDir, { recursive: true });

for (const name of names) {
  const bench = benches[name];
  if (!bench) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(benches).join(', ')}`);
    process.exit(2);
  }
  const figures = await bench();
  const result = { name, date: new Date().toISOString(), node: process.version, ...figures };
  const file = join(resultsDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.log(`${name}: ${JSON.stringify(figures.ratios ?? {})} → ${file}`);
}
