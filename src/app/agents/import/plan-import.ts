/**
 * The import dispatcher: reads the chosen files, recognises each one's format (our agent file,
 * AgentFabric's `builder_config.json`, tiny-agents' `agent.json` with its `PROMPT.md` or
 * `AGENTS.md`) and plans the import. A bad file becomes a problem naming what is wrong; it never
 * stops the other files, and nothing is written here.
 */
import { TabagentError } from '../../../core/errors';
import { isAgentFabricConfig, readAgentFabricConfig } from './agentfabric';
import {
  MAX_AGENT_IMPORT_BYTES,
  type AgentImportFile,
  type AgentImportPlan,
  type ImportContext,
  type ImportedAgent,
  type ImportProblem,
  type ImportProblemReason,
} from './import-plan';
import { isTabagentAgentFile, readTabagentAgentFile } from './tabagent-agent';
import { isTinyAgentConfig, readTinyAgentConfig } from './tiny-agents';

/** Markdown files that hold a tiny agent's instructions, in order of preference. */
const INSTRUCTION_FILES = ['prompt.md', 'agents.md'];

const isMarkdown = (name: string): boolean => /\.(md|markdown)$/i.test(name);

function problemOf(file: string, error: unknown): ImportProblem {
  if (TabagentError.is(error) && error.code === 'invalid-file') {
    const reason = error.data.reason as ImportProblemReason;
    const detail = error.data.detail;
    return { file, reason, message: error.message, ...(typeof detail === 'string' ? { detail } : {}) };
  }
  return { file, reason: 'unreadable', message: `${file} could not be read: ${error instanceof Error ? error.message : String(error)}` };
}

/** Parses JSON text, refusing with the parser's reason when it is not JSON. */
function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TabagentError('invalid-file', `${file} is not JSON (${reason}). Choose an agent file (*.agent.json), a builder_config.json or an agent.json.`, {
      data: { reason: 'not-json', detail: reason },
    });
  }
}

/** Plans one parsed JSON document of a known format; refuses an unknown one. */
function planDocument(file: string, value: unknown, context: ImportContext, instructions?: { file: string; text: string }): ImportedAgent {
  if (isTabagentAgentFile(value)) return readTabagentAgentFile(value, file, context);
  if (isTinyAgentConfig(value)) return readTinyAgentConfig(value, file, context, instructions);
  if (isAgentFabricConfig(value)) return readAgentFabricConfig(value, file, context);
  throw new TabagentError(
    'invalid-file',
    `${file} is JSON but not an agent this app can import: expected a Tabagent agent file ("format": "tabagent-agent"), an AgentFabric builder_config.json or a tiny-agents agent.json.`,
    { data: { reason: 'unknown-format' } },
  );
}

/** The markdown file to pair with a lone tiny agent: PROMPT.md first, then AGENTS.md, then any other. */
function pickInstructions(markdown: ReadonlyArray<{ file: string; text: string }>): { file: string; text: string } | undefined {
  for (const preferred of INSTRUCTION_FILES) {
    const found = markdown.find((entry) => entry.file.toLowerCase() === preferred);
    if (found) return found;
  }
  return markdown[0];
}

/**
 * Plans importing `files` (chosen together): each agent found, each file refused with its reason.
 * A file over `MAX_AGENT_IMPORT_BYTES` is refused unread.
 */
export async function planAgentImport(files: readonly AgentImportFile[], context: ImportContext): Promise<AgentImportPlan> {
  const problems: ImportProblem[] = [];
  const documents: Array<{ file: string; value: unknown }> = [];
  const markdown: Array<{ file: string; text: string }> = [];
  for (const file of files) {
    try {
      if (file.size > MAX_AGENT_IMPORT_BYTES) {
        throw new TabagentError('invalid-file', `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; an agent file may be at most 1 MB.`, {
          data: { reason: 'too-large' },
        });
      }
      const text = await file.text();
      if (isMarkdown(file.name)) markdown.push({ file: file.name, text });
      else documents.push({ file: file.name, value: parseJson(file.name, text) });
    } catch (error) {
      problems.push(problemOf(file.name, error));
    }
  }
  const tinyAgents = documents.filter((document) => isTinyAgentConfig(document.value) && !isTabagentAgentFile(document.value));
  const instructions = tinyAgents.length === 1 ? pickInstructions(markdown) : undefined;
  const agents: ImportedAgent[] = [];
  for (const document of documents) {
    try {
      const paired = tinyAgents.includes(document) ? instructions : undefined;
      const agent = planDocument(document.file, document.value, context, paired);
      if (paired) for (const entry of markdown) if (entry !== paired) agent.notes.push({ kind: 'file-unused', file: entry.file });
      agents.push(agent);
    } catch (error) {
      problems.push(problemOf(document.file, error));
    }
  }
  if (!instructions) {
    for (const entry of markdown) {
      problems.push({
        file: entry.file,
        reason: 'unpaired-instructions',
        message: `${entry.file} holds instructions for a tiny-agents agent; choose it together with exactly one agent.json.`,
      });
    }
  }
  return { agents, problems };
}
