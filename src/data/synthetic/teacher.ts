/**
 * Dialogues written by a teacher model: for each tool and language it writes N user requests
 * with the arguments of the call each should produce; we validate every call ourselves.
 */
import type { ChatEngine, ChatRequest } from '../../core/types';
import { collectChat } from '../../core/chat-accumulator';
import { toDefinition, type ToolManifest } from '../../tools/manifest';
import { ArgumentValidator } from '../../tools/validator';
import { createDialogueCollector } from '../dedup';
import { LANGUAGES, type Language } from '../types';
import { buildDialogue } from './build';
import type { GeneratedDialogues } from './generate';
import { parseTeacherAnswer } from './teacher-parse';

/** Options of {@link generateWithTeacher}. */
export interface TeacherOptions {
  /** Requests to ask for, per tool and language. */
  perTool: number;
  languages?: readonly Language[];
  /** Sampling temperature asked of the teacher (default 0.7: varied but on topic). */
  temperature?: number;
  signal?: AbortSignal;
}

const LANGUAGE_NAMES: Readonly<Record<Language, string>> = { en: 'English', zh: 'Simplified Chinese' };

/** The request sent to the teacher for one tool and language. */
export function teacherRequest(manifest: ToolManifest, count: number, language: Language, temperature = 0.7): ChatRequest {
  const definition = JSON.stringify(toDefinition(manifest));
  const examples = JSON.stringify((manifest.examples ?? []).map((example) => ({ request: example.query, arguments: example.arguments })));
  return {
    messages: [
      {
        role: 'system',
        content: 'You write training data for a tool-using assistant. Answer with JSON only, no commentary.',
      },
      {
        role: 'user',
        content: [
          `Write ${count} different requests, in ${LANGUAGE_NAMES[language]}, that a user could send to an assistant and that the tool below answers.`,
          'Vary wording, detail and argument values; the request must contain every value the arguments use.',
          `Tool (OpenAI function shape): ${definition}`,
          `Examples: ${examples}`,
          'Answer with a JSON array of objects {"request": string, "arguments": object}; the arguments must satisfy the tool\'s parameters schema.',
        ].join('\n'),
      },
    ],
    temperature,
  };
}

/**
 * Asks `engine` for requests for every tool in every language, in a fixed order (so a
 * deterministic teacher gives a deterministic dataset), and builds single-step dialogues from
 * them. Items without arguments, or whose arguments fail the schema, are dropped and counted.
 */
export async function generateWithTeacher(
  engine: ChatEngine,
  manifests: readonly ToolManifest[],
  options: TeacherOptions,
): Promise<GeneratedDialogues> {
  const languages = options.languages && options.languages.length > 0 ? options.languages : LANGUAGES;
  const validator = new ArgumentValidator();
  const tools = manifests.map(toDefinition);
  const collector = createDialogueCollector();
  const dialogues = collector.dialogues;
  const stats = { invalidDropped: 0, duplicatesRemoved: 0 };
  for (const manifest of manifests) {
    for (const language of languages) {
      const request = teacherRequest(manifest, options.perTool, language, options.temperature);
      const answer = await collectChat(engine.chat(request, options.signal));
      for (const item of parseTeacherAnswer(answer.text)) {
        if (!item.arguments || !validator.validate(manifest.name, manifest.parameters, item.arguments).ok) {
          stats.invalidDropped++;
          continue;
        }
        const calls = [{ name: manifest.name, arguments: item.arguments }];
        const dialogue = buildDialogue({ language, source: 'teacher', userText: item.request, calls, tools });
        if (!collector.add(dialogue)) stats.duplicatesRemoved++;
      }
    }
  }
  return { dialogues, stats };
}
