import type { ToolCallFormat } from '../formats/types';
import type { ToolDefinition } from '../types';
import type { AgentEvent } from './events';
import type { RunAgentOptions } from './options';
import { renderSections, turnQueryParts, turnQueryText, type ContextSection, type ToolSelection, type TurnQuery } from './turn-context';

/** The newest user message's context and the tool list inside it. */
export interface TurnText {
  /** The newest user message's context (undefined: none). */
  context: string | undefined;
  /** The tool list's text inside `context` ('' when the tools are elsewhere or all shown earlier). */
  toolText: string;
}

/** What a turn's prompt is built from, decided once before its first step. */
export interface PreparedTurn extends TurnText {
  /** The tools chosen for this turn. */
  tools: ToolDefinition[];
  /**
   * The tools the model may call by name: this turn's, plus enabled tools whose signatures an
   * earlier message of the conversation listed (they stay valid, and are not listed again).
   */
  offered: ToolDefinition[];
  /** The tool list travels with the user messages rather than in the system prompt. */
  toolsInTurn: boolean;
  /**
   * The context with every tool of this turn listed, for steps whose prompt leaves out earlier
   * turns (and with them the signatures they listed). Same as `context` when nothing was listed before.
   */
  full: TurnText;
  /** The retrieved sections quoted in `context` (their `untrusted` flags taint the turn). */
  sections: ContextSection[];
  /** The retrieved material and the caller's turn context inside `context` ('' when none). */
  material: string;
}

/**
 * Runs tool selection and the context providers for the newest user message, concurrently, and
 * assembles that message's context: the selected tools not listed earlier in the conversation
 * (text formats; so a new turn appends only new signatures and the prompt's prefix holds), the
 * retrieved material quoted as data, then the caller's own `turnContext`. When every enabled tool
 * was selected (they fit in k), they stay in the fixed system text instead. A failing retriever
 * costs its material, never the turn; a failing tool selection falls back to every enabled tool.
 */
export async function* prepareTurn(
  options: RunAgentOptions,
  enabled: ToolDefinition[],
  format: ToolCallFormat | null,
  signal: AbortSignal,
): AsyncGenerator<AgentEvent, PreparedTurn> {
  const query: TurnQuery = { text: turnQueryText(options.messages), parts: turnQueryParts(options.messages), messages: options.messages, signal };
  const providers = options.context ?? [];
  const [selection, ...gathered] = await Promise.all([
    options.selectTools && enabled.length > 0 ? settle(options.selectTools(query, enabled)) : undefined,
    ...providers.map((provider) => settle(provider(query))),
  ]);

  let tools = enabled;
  if (selection?.ok) {
    const byName = new Map(enabled.map((tool) => [tool.name, tool]));
    const chosen = selection.value.tools.filter((scored) => byName.has(scored.name));
    // Every enabled tool chosen: they keep the enabled order, not this turn's ranking, so the
    // fixed system text (or the native tool list) they go into is the same at every turn.
    tools = chosen.length === enabled.length ? enabled : chosen.map((scored) => byName.get(scored.name) as ToolDefinition);
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

  // All enabled tools chosen: a fixed list, which belongs in the fixed system text. Fewer, even
  // none, travel with the messages: the system text then says the call syntax whatever this turn
  // chose, so it reads the same at every turn (tools listed earlier stay callable by name).
  const toolsInTurn = Boolean(selection?.ok) && format !== null && enabled.length > 0 && tools.length < enabled.length;
  const material = [renderSections(sections), options.turnContext ?? ''].filter((part) => part.trim() !== '').join('\n\n');
  const listing = toolsInTurn && format ? listingOf(format) : undefined;
  const earlier = listing?.incremental ? earlierContexts(options.messages) : '';
  const shownBefore = (tool: ToolDefinition): boolean =>
    earlier !== '' && earlier.includes(tool.name) && earlier.includes(listing?.signature(tool) ?? '\0');
  const fresh = tools.filter((tool) => !shownBefore(tool));
  const full = turnText(listing && tools.length > 0 ? listing.list(tools) : '', material);
  const own = fresh.length === tools.length ? full : turnText(listing && fresh.length > 0 ? listing.list(fresh) : '', material);
  const offered = earlier === '' ? tools : [...tools, ...enabled.filter((tool) => !tools.includes(tool) && shownBefore(tool))];
  yield { type: 'turn-context', context: own.context ?? '' };
  return { tools, offered, ...own, full, toolsInTurn, sections, material };
}

/** How a turn lists its tools: signatures new to the turn where the format can tell them apart, else the whole list. */
interface TurnListing {
  incremental: boolean;
  signature(tool: ToolDefinition): string;
  list(tools: readonly ToolDefinition[]): string;
}

function listingOf(format: ToolCallFormat): TurnListing {
  if (format.listing) return { incremental: true, signature: format.listing.signature, list: format.listing.list };
  return { incremental: false, signature: () => '', list: (tools) => format.render([...tools]) };
}

function turnText(toolText: string, material: string): TurnText {
  const parts = [toolText, material].filter((part) => part.trim() !== '');
  return { context: parts.length > 0 ? parts.join('\n\n') : undefined, toolText: toolText.trim() === '' ? '' : toolText };
}

/** The stored contexts of the conversation's earlier user messages, where earlier tool lists are. */
function earlierContexts(messages: RunAgentOptions['messages']): string {
  let last = -1;
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    if (messages[index]?.role === 'user') {
      last = index;
      break;
    }
  }
  const contexts: string[] = [];
  messages.forEach((message, index) => {
    if (index < last && message.role === 'user' && message.context) contexts.push(message.context);
  });
  return contexts.join('\n');
}

type Settled<T> = { ok: true; value: T } | { ok: false; message: string };

async function settle<T>(work: Promise<T>): Promise<Settled<T>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}
