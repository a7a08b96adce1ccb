/**
 * Agents called as tools (multi-agent): an agent that lists another agent among its tools gets a
 * tool that runs that agent's own loop — its instructions, tools and knowledge — on the task the
 * caller writes, and answers with the callee's final answer. The callee's events stream into the
 * caller's tool card (`tool-progress`), its model steps count against the caller's step limit,
 * it starts as untrusted as the caller was and hands its own taint back, and the same person
 * approves its calls. Depth is bounded and cycles are refused.
 */
import type { AgentDefinition } from '../../core/agent-definition';
import type { AgentEvent } from '../../core/agent/events';
import type { RunAgentOptions } from '../../core/agent/options';
import { TabagentError } from '../../core/errors';
import type { ToolManifest } from '../../tools/manifest';
import type { ToolContext } from '../../tools/registry';
import type { ChatRunSetup } from '../chat/run-turn';
import { runOptionsFrom } from '../chat/run-options';
import type { RunTool } from '../services';

/** How deep calls may nest: the person's agent calls an agent (1), which calls another (2), and no further. */
export const MAX_AGENT_CALL_DEPTH = 2;

/** A whole loop runs inside the call; the callee's step limit bounds it, this only catches a hang. */
const AGENT_TOOL_TIMEOUT_MS = 30 * 60_000;

/** What running an agent as a tool needs from the app. */
export interface AgentToolDeps {
  /** An agent by id (undefined when it was deleted). */
  getAgent(id: string): Promise<AgentDefinition | undefined>;
  /**
   * Engine, tools and context for a run of `agent` (its instructions, its tools — including, through
   * `agentToolsFor`, its own agent tools with `chain` — and its knowledge).
   */
  setupFor(agent: AgentDefinition, chain: readonly string[]): Promise<ChatRunSetup>;
  runAgent(options: RunAgentOptions): AsyncIterable<AgentEvent>;
}

/** The tool name an agent gets when called as a tool: `agent_` and its name in the tool-name alphabet. */
export function agentToolName(agent: Pick<AgentDefinition, 'name' | 'id'>): string {
  const slug = agent.name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase()
    .slice(0, 40);
  return `agent_${slug || agent.id.replace(/[^A-Za-z0-9]+/g, '').slice(0, 12) || 'unnamed'}`;
}

/**
 * The tools for the agents `caller` lists. `chain` holds the ids of the agents running above
 * `caller`, outermost first (empty for the agent the person chats with). An agent already in the
 * chain (a cycle) or one past the depth limit is not offered; the tool checks again when called.
 */
export async function agentToolsFor(caller: AgentDefinition, chain: readonly string[], deps: AgentToolDeps): Promise<RunTool[]> {
  const calling = [...chain, caller.id];
  if (calling.length > MAX_AGENT_CALL_DEPTH) return [];
  const tools: RunTool[] = [];
  const names = new Set<string>();
  for (const ref of caller.tools) {
    if (ref.kind !== 'agent' || calling.includes(ref.agentId)) continue;
    const callee = await deps.getAgent(ref.agentId);
    if (!callee) continue;
    let name = agentToolName(callee);
    if (names.has(name)) name = `${name.slice(0, 52)}_${names.size}`;
    names.add(name);
    tools.push(agentTool(name, callee, calling, deps));
  }
  return tools;
}

function agentTool(name: string, callee: AgentDefinition, calling: readonly string[], deps: AgentToolDeps): RunTool {
  const manifest: ToolManifest = {
    name,
    description: `Ask the agent "${callee.name}" to do a task and get its answer.${callee.description ? ` ${callee.description}` : ''}`,
    parameters: {
      type: 'object',
      properties: { task: { type: 'string', description: `What ${callee.name} should do, with everything it needs to know.` } },
      required: ['task'],
      additionalProperties: false,
    },
    kind: 'builtin',
    // The callee confirms its own side effects; what it read comes back as taint (ToolResult.untrustedSources).
    sideEffects: false,
    trustedOutput: true,
    allowedOrigins: [],
  };
  return { manifest, implementation: (args, context) => runCallee(callee, String(args.task ?? ''), calling, context, deps), timeoutMs: AGENT_TOOL_TIMEOUT_MS };
}

async function runCallee(callee: AgentDefinition, task: string, calling: readonly string[], context: ToolContext, deps: AgentToolDeps): Promise<string> {
  if (calling.includes(callee.id)) {
    throw new TabagentError('denied', `${callee.name} is already working on this request, so it cannot be called again (a cycle). Answer without it.`, {
      data: { reason: 'agent-cycle', agentId: callee.id },
    });
  }
  if (calling.length > MAX_AGENT_CALL_DEPTH) {
    throw new TabagentError('denied', `Agents may call agents only ${MAX_AGENT_CALL_DEPTH} levels deep. Answer without ${callee.name}.`, {
      data: { reason: 'agent-depth', agentId: callee.id },
    });
  }
  const nested = context.nested;
  const stepsLeft = Math.min(callee.stepLimit, nested?.stepsLeft ?? callee.stepLimit);
  if (stepsLeft < 1) {
    throw new TabagentError('step-limit', `No steps are left of this request's step limit for ${callee.name}.`, { data: { reason: 'agent-steps' } });
  }
  const setup = await deps.setupFor(callee, calling);
  let steps = 0;
  let sawToolResult = false;
  let finished: Extract<AgentEvent, { type: 'finish' }> | undefined;
  try {
    const events = deps.runAgent({
      ...runOptionsFrom(setup),
      messages: [{ role: 'user', content: task }],
      maxSteps: stepsLeft,
      signal: context.signal,
      ...(nested?.approve ? { approve: nested.approve } : {}),
      ...(nested?.untrustedSources.length ? { inheritedUntrustedSources: nested.untrustedSources } : {}),
    });
    for await (const event of events) {
      nested?.report(event);
      if (event.type === 'step-start') steps += 1;
      if (event.type === 'tool-result') sawToolResult = true;
      if (event.type === 'finish') finished = event;
      if (event.type === 'error') throw event.error;
    }
  } finally {
    // A run that did not finish cannot say what it read: if it read anything, count it as outside text.
    const untrustedSources = finished ? (finished.untrustedSources ?? []) : sawToolResult ? [`${callee.name} (unfinished)`] : [];
    nested?.settle({ steps, untrustedSources });
  }
  if (!finished) throw new TabagentError('internal', `${callee.name} ended without an answer.`);
  if (finished.stopped) throw new TabagentError('aborted', `${callee.name} was stopped.`);
  return finished.text;
}
