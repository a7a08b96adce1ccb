import type { ToolCallFormat } from '../formats/types';
import type { ToolDefinition } from '../types';
import type { AgentEvent } from './events';
import type { RunAgentOptions } from './options';
import { renderSections, turnQueryText, type ContextSection, type ToolSelection, type TurnQuery } from './turn-context';

/** What a turn's prompt is built from, decided once before its first step. */
export interface PreparedTurn {
  /** The tools the model is shown this turn. */
  tools: ToolDefinition[];
  /** The newest user message's context (undefined: none). */
  context: string | undefined;
  /** The tool list travels in `context` rather than the system prompt. */
  toolsInTurn: boolean;
  /** The retrieved sections quoted in `context` (their `untrusted` flags taint the turn). */
  sections: ContextSection[];
  /** The tool list's text inside `context` ('' when the tools are elsewhere). */
  toolText: string;
  /** The retrieved material and the caller's turn context inside `context` ('' when none). */
  material: string;
}

/**
 * Runs tool selection and the context providers for the newest user message, concurrently, and
 * assembles that message's context: the selected tools (text formats), the retrieved material
 * quoted as data, then the caller's own `turnContext`. A failing retriever costs its material,
 * never the turn; a failing tool selection falls back to every enabled tool.
 */
export async function* prepareTurn(
  options: RunAgentOptions,
  enabled: ToolDefinition[],
  format: ToolCallFormat | null,
  signal: AbortSignal,
): AsyncGenerator<AgentEvent, PreparedTurn> {
  const query: TurnQuery = { text: turnQueryText(options.messages), messages: options.messages, signal };
  const providers = options.context ?? [];
  const [selection, ...gathered] = await Promise.all([
    options.selectTools && enabled.length > 0 ? settle(options.selectTools(query, enabled)) : undefined,
    ...providers.map((provider) => settle(provider(query))),
  ]);

  let tools = enabled;
  if (selection?.ok) {
    const byName = new Map(enabled.map((tool) => [tool.name, tool]));
    const chosen = selection.value.tools.filter((scored) => byName.has(scored.name));
    tools = chosen.map((scored) => byName.get(scored.name) as ToolDefinition);
    const shown: ToolSelection = { ...selection.value, tools: chosen };
    yield { type: 'tools-selected', selection: shown };
  }

  const sections: ContextSection[] = [];
  const failures: string[] = [];
  if (selection && !selection.ok) failures.push(`Tool retrieval failed (${selection.message}); every enabled tool is offered.`);
  for (const result of gathered) {
    if (result?.ok) sections.push(...result.value);
    else if (result) failures.push(result.message);
  }
  if (providers.length > 0 || failures.length > 0) yield { type: 'context', sections, failures };

  const toolsInTurn = Boolean(selection?.ok) && format !== null && tools.length > 0;
  const toolText = toolsInTurn && format ? format.render(tools) : '';
  const material = [renderSections(sections), options.turnContext ?? ''].filter((part) => part.trim() !== '').join('\n\n');
  const parts = [toolText, material].filter((part) => part.trim() !== '');
  const context = parts.length > 0 ? parts.join('\n\n') : undefined;
  yield { type: 'turn-context', context: context ?? '' };
  return { tools, context, toolsInTurn, sections, toolText: toolText.trim() === '' ? '' : toolText, material };
}

type Settled<T> = { ok: true; value: T } | { ok: false; message: string };

async function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
