/**
 * The six demos as built-in agents: read-only code constants (never stored), listed first on the
 * Agents page; "Duplicate" makes an editable copy. Running a demo opens a conversation with its
 * agent, so its instructions and tools apply to that conversation only and no global setting
 * changes. Their instructions are in English (a built-in agent is one definition); the demos'
 * titles and first messages are translated by the UI (src/ui/demos/messages.ts).
 */
import { agentDefaults, type AgentDefinition, type AgentToolRef } from '../../core/agent-definition';

/** The demos, in the order the dialog lists them. */
export type DemoId = 'calculator' | 'documents' | 'mcp' | 'openapi' | 'modelApi' | 'memory';

/** The tools the bundled Open-Meteo document becomes (its operationIds). */
export const OPENAPI_DEMO_TOOLS: readonly string[] = ['geocodePlace', 'getWeatherForecast'];

/** The id of a demo's built-in agent. */
export function demoAgentId(id: DemoId): string {
  return `demo-${id}`;
}

interface DemoAgentText {
  name: string;
  emoji: string;
  description: string;
  instructions: string;
  starterPrompt: string;
  /** Offered and pinned, in this order. */
  tools: readonly string[];
  /** Tool refs beyond `tools` (the MCP demo offers whatever servers are connected). */
  extraRefs?: readonly AgentToolRef[];
}

const DEMO_AGENTS: Record<DemoId, DemoAgentText> = {
  calculator: {
    name: 'Calculator and units',
    emoji: '🧮',
    description: 'Exact arithmetic, unit conversion and the time of day with built-in tools that run in this tab.',
    instructions:
      'You are Tabagent. Use the calculator tool for every calculation, unit_convert for unit conversions and current_time for dates and times; never work them out in your head. Answer briefly with the results.',
    starterPrompt: 'What is 15% of 86.40? How many kilometres are 26.2 miles? And what time is it in Tokyo now?',
    tools: ['calculator', 'unit_convert', 'current_time'],
  },
  documents: {
    name: 'Ask my documents',
    emoji: '📚',
    description: 'Answers from a knowledge base and cites the passages it used as [1], [2].',
    instructions:
      'You are Tabagent. Answer from the reference material quoted with the message and cite each passage you use as [n]. If the material does not answer the question, say so.',
    starterPrompt: 'What does strict network mode do, and how do I allow an API that it blocks?',
    tools: [],
  },
  mcp: {
    name: 'Connect an MCP server',
    emoji: '🔌',
    description: 'Uses the tools of connected Model Context Protocol servers.',
    instructions: 'You are Tabagent. Use the tools of connected MCP servers when they help, and say which tool an answer came from.',
    starterPrompt: 'Use the MCP server’s get-sum tool to add 17 and 25.',
    tools: [],
    extraRefs: [{ kind: 'all-tools' }],
  },
  openapi: {
    name: 'Tools from an OpenAPI spec',
    emoji: '🌦️',
    description: 'Weather forecasts through the tools imported from Open-Meteo’s OpenAPI document.',
    instructions:
      'You are Tabagent. For weather questions, find the place’s coordinates with geocodePlace, then call getWeatherForecast with them (timezone "auto"). Give temperatures in °C and say that the data comes from Open-Meteo.',
    starterPrompt: 'What will the weather be like in Hangzhou over the next three days?',
    tools: OPENAPI_DEMO_TOOLS,
  },
  modelApi: {
    name: 'Images through a model API',
    emoji: '🎨',
    description: 'Draws pictures through your own OpenAI-compatible image API (the model_api tool).',
    instructions:
      'You are Tabagent. When the user asks for a picture, call model_api with task "image" and a detailed prompt in English. The user approves each call. Afterwards, say briefly what you asked for.',
    starterPrompt: 'Draw a watercolor of a lighthouse at dawn.',
    tools: ['model_api'],
  },
  memory: {
    name: 'Remember me',
    emoji: '🧠',
    description: 'Long-term memory: saves what you tell it and finds it again in later conversations.',
    instructions:
      'You are Tabagent. You have long-term memory. When the user tells you a preference or a fact about themselves, save it with remember, one fact per call. Use recall when an answer may depend on what they told you before, and forget when they ask you to.',
    starterPrompt: 'Remember that I prefer metric units and green tea.',
    tools: ['remember', 'recall', 'forget'],
  },
};

/** Every demo id, in the dialog's order. */
export const DEMO_IDS: readonly DemoId[] = ['calculator', 'documents', 'mcp', 'openapi', 'modelApi', 'memory'];

/** One demo's built-in agent (a fresh object: callers may not change the constants). */
export function demoAgent(id: DemoId): AgentDefinition {
  const text = DEMO_AGENTS[id];
  return {
    ...agentDefaults(),
    id: demoAgentId(id),
    name: text.name,
    avatar: { kind: 'emoji', emoji: text.emoji },
    description: text.description,
    instructions: text.instructions,
    starterPrompts: [text.starterPrompt],
    tools: [...text.tools.map((name): AgentToolRef => ({ kind: 'tool', name })), ...(text.extraRefs ?? [])],
    pinnedTools: [...text.tools],
    // The memory demo is about the memories every agent shares (the Memory page shows them).
    memory: id === 'memory' ? 'shared' : 'off',
    builtIn: true,
    createdAt: 0,
    updatedAt: 0,
  };
}

/** The demos' built-in agents, in the dialog's order. */
export function demoAgents(): AgentDefinition[] {
  return DEMO_IDS.map(demoAgent);
}
