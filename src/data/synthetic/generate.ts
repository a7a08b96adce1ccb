/** Template-based synthetic dialogues from tool manifests: deterministic per seed. */
import { ArgumentValidator } from '../../tools/validator';
import { toDefinition, type ToolManifest } from '../../tools/manifest';
import { createDialogueCollector } from '../dedup';
import { createRng, stableStringify, type Rng } from '../hash';
import { LANGUAGES, type Dialogue, type Language } from '../types';
import { buildDialogue, type PlannedCall } from './build';
import { chainRequest, languageOf, requestText } from './templates';
import { sampleArguments } from './values';

/** Options of {@link generateDialogues}. */
export interface GenerateOptions {
  /** How many distinct dialogues to produce (fewer when the tools cannot yield that many). */
  count: number;
  /** Languages, used in turn (default: English and Chinese). */
  languages?: readonly Language[];
  /** Seed of the random source (default 1). */
  seed?: number;
  /** Share of multi-step dialogues (default 0.3; needs at least one tool). */
  multiStepRatio?: number;
  /** Most calls in one multi-step dialogue (default 3, at least 2). */
  maxSteps?: number;
}

/** What happened during generation, for the summary. */
export interface GenerationStats {
  /** Dialogues whose calls failed their tool's schema and were dropped. */
  invalidDropped: number;
  /** Generated dialogues that repeated an earlier one (or a chain that repeated one of its calls). */
  duplicatesRemoved: number;
}

/** The result of {@link generateDialogues}. */
export interface GeneratedDialogues {
  dialogues: Dialogue[];
  stats: GenerationStats;
}

/** Attempts per requested dialogue before giving up (small tool sets run out of variety). */
const ATTEMPTS_PER_DIALOGUE = 20;

/** One call and how a user would ask for it in `language`. */
function planCall(manifest: ToolManifest, language: Language, rng: Rng): { call: PlannedCall; request: string } {
  const sampled = sampleArguments(manifest, rng);
  const request =
    sampled.exampleQuery !== undefined && languageOf(sampled.exampleQuery) === language
      ? sampled.exampleQuery
      : requestText(manifest.name, sampled.arguments, language, rng);
  return { call: { name: manifest.name, arguments: sampled.arguments }, request };
}

/**
 * Generates single-step (one call) and multi-step (a chain of two or more calls) dialogues from
 * `manifests`, in English and Chinese. Every call is validated against its tool's schema: a
 * dialogue with an invalid call is dropped and counted, as are duplicates (same normalised
 * request and calls). The same manifests, options and seed give the same dialogues.
 */
export function generateDialogues(manifests: readonly ToolManifest[], options: GenerateOptions): GeneratedDialogues {
  const languages = options.languages && options.languages.length > 0 ? options.languages : LANGUAGES;
  const multiStepRatio = options.multiStepRatio ?? 0.3;
  const maxSteps = Math.max(2, options.maxSteps ?? 3);
  const rng = createRng(options.seed ?? 1);
  const validator = new ArgumentValidator();
  const tools = manifests.map(toDefinition);
  const byName = new Map(manifests.map((manifest) => [manifest.name, manifest]));
  const stats: GenerationStats = { invalidDropped: 0, duplicatesRemoved: 0 };
  const collector = createDialogueCollector();
  const dialogues = collector.dialogues;
  if (manifests.length === 0 || options.count <= 0) return { dialogues, stats };

  for (let attempt = 0; dialogues.length < options.count && attempt < options.count * ATTEMPTS_PER_DIALOGUE; attempt++) {
    // Languages in turn (not at random) so that every language gets its share even for small counts.
    const language = languages[dialogues.length % languages.length] as Language;
    const steps = rng.next() < multiStepRatio ? rng.int(2, maxSteps) : 1;
    const planned = Array.from({ length: steps }, () => planCall(rng.pick(manifests), language, rng));
    // A chain that repeats one call asks for the same thing twice: not a useful multi-step example.
    const distinctCalls = new Set(planned.map(({ call }) => stableStringify(call)));
    if (distinctCalls.size < planned.length) {
      stats.duplicatesRemoved++;
      continue;
    }
    const valid = planned.every(({ call }) => {
      const manifest = byName.get(call.name) as ToolManifest;
      return validator.validate(call.name, manifest.parameters, call.arguments).ok;
    });
    if (!valid) {
      stats.invalidDropped++;
      continue;
    }
    const requests = planned.map((entry) => entry.request);
    const userText = steps === 1 ? (requests[0] ?? '') : chainRequest(requests, language, rng);
    const dialogue = buildDialogue({ language, source: 'template', userText, calls: planned.map((entry) => entry.call), tools });
    if (!collector.add(dialogue)) stats.duplicatesRemoved++;
  }
  return { dialogues, stats };
}
