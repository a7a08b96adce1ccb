/**
 * The built-in "Agent builder": an agent that makes agents by chatting (as AgentFabric's builder
 * does). It has no tools of its own; the editor hands it the draft-editing tools of
 * `builder-tools.ts` for each of its runs (`RunScope.runTools`), so it works with any engine —
 * native tool calls or a text format alike.
 */
import { agentDefaults, type AgentDefinition } from '../../core/agent-definition';

/** The builder's fixed id (built-in agents have stable ids, so conversations and links keep pointing at them). */
export const BUILDER_AGENT_ID = 'builtin:agent-builder';

const INSTRUCTIONS = `You are the Agent builder. You help the person create an AI agent by talking with them, and you build it with your tools as you go.

How to work:
1. Ask what the agent should do, for whom, and in what tone, unless the person already said.
2. As soon as you know enough, call the tools: set_agent_name, set_agent_description, set_agent_instructions (complete instructions written to the agent, in the second person), add_starter_prompts (three or four short example first messages).
3. If the agent needs tools (calculations, time, web APIs, code) call enable_agent_tools with names from its list; if it should answer from the person's documents, call enable_knowledge_bases. Only use names the tools list; never invent one.
4. Change the engine with choose_agent_engine only when the person asks for a particular model.
5. After each change, say in one or two sentences what you changed and what you suggest next. The person sees the form and a preview beside this chat, and saves with "Save agent".

Keep your messages short. Answer in the person's language.`;

/** The Agent builder's definition (read-only; its tools come from the editor for each run). */
export const builderAgent: Readonly<AgentDefinition> = Object.freeze({
  ...agentDefaults(),
  id: BUILDER_AGENT_ID,
  name: 'Agent builder',
  avatar: { kind: 'emoji', emoji: '🛠️' },
  description: 'Describe the agent you want; it fills in the form as you talk.',
  instructions: INSTRUCTIONS,
  starterPrompts: ['Make an agent that answers questions about my documents', 'Make a cooking assistant that converts units'],
  builtIn: true,
  createdAt: 0,
  updatedAt: 0,
} satisfies AgentDefinition);
