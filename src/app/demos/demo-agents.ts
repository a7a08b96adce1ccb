/**
 * The six demos as built-in agents: read-only code constants (never stored), listed first on the
 * Agents page; "Duplicate" makes an editable copy. Running a demo opens a conversation with its
 * agent, so its instructions and tools apply to that conversation only and no global setting
 * changes. Each is built in the interface language (English or Chinese): its description,
 * instructions and starter prompt, so a demo started in Chinese tells the model what to do in
 * Chinese as well. The names stay English (tests and links name agents by them).
 */
import { agentDefaults, type AgentDefinition, type AgentToolRef } from '../../core/agent-definition';
import type { InterfaceLanguage } from '../interface-language';

/** The demos, in the order the dialog lists them. */
export type DemoId = 'calculator' | 'documents' | 'mcp' | 'openapi' | 'modelApi' | 'memory';

/** The tools the bundled Open-Meteo document becomes (its operationIds). */
export const OPENAPI_DEMO_TOOLS: readonly string[] = ['geocodePlace', 'getWeatherForecast'];

/** The id of a demo's built-in agent. */
export function demoAgentId(id: DemoId): string {
  return `demo-${id}`;
}

/** What a demo's agent is, whatever the language. Its name stays English: "Chat with <name>" is a contract. */
interface DemoAgentShape {
  name: string;
  emoji: string;
  /** Offered and pinned, in this order. */
  tools: readonly string[];
  /** Tool refs beyond `tools` (the MCP demo offers whatever servers are connected). */
  extraRefs?: readonly AgentToolRef[];
}

/** What a demo's agent says and is told, in one interface language. */
interface DemoAgentWords {
  description: string;
  instructions: string;
  /** Also the demo's first message (src/ui/demos/messages.ts reads it from here). */
  starterPrompt: string;
}

const DEMO_AGENTS: Record<DemoId, DemoAgentShape> = {
  calculator: { name: 'Calculator and units', emoji: '🧮', tools: ['calculator', 'unit_convert', 'current_time'] },
  documents: { name: 'Ask my documents', emoji: '📚', tools: [] },
  mcp: { name: 'Connect an MCP server', emoji: '🔌', tools: [], extraRefs: [{ kind: 'all-tools' }] },
  openapi: { name: 'Tools from an OpenAPI spec', emoji: '🌦️', tools: OPENAPI_DEMO_TOOLS },
  modelApi: { name: 'Images through a model API', emoji: '🎨', tools: ['model_api'] },
  memory: { name: 'Remember me', emoji: '🧠', tools: ['remember', 'recall', 'forget'] },
};

// The Chinese instructions are the demos' Chinese system prompts from before agents existed (commit 3826c53).
const DEMO_WORDS: Record<InterfaceLanguage, Record<DemoId, DemoAgentWords>> = {
  en: {
    calculator: {
      description: 'Exact arithmetic, unit conversion and the time of day with built-in tools that run in this tab.',
      instructions:
        'You are Tabagent. Use the calculator tool for every calculation, unit_convert for unit conversions and current_time for dates and times; never work them out in your head. Answer briefly with the results.',
      starterPrompt: 'What is 15% of 86.40? How many kilometres are 26.2 miles? And what time is it in Tokyo now?',
    },
    documents: {
      description: 'Answers from a knowledge base and cites the passages it used as [1], [2].',
      instructions:
        'You are Tabagent. Answer from the reference material quoted with the message and cite each passage you use as [n]. If the material does not answer the question, say so.',
      starterPrompt: 'What does strict network mode do, and how do I allow an API that it blocks?',
    },
    mcp: {
      description: 'Uses the tools of connected Model Context Protocol servers.',
      instructions: 'You are Tabagent. Use the tools of connected MCP servers when they help, and say which tool an answer came from.',
      starterPrompt: 'Use the MCP server’s get-sum tool to add 17 and 25.',
    },
    openapi: {
      description: 'Weather forecasts through the tools imported from Open-Meteo’s OpenAPI document.',
      instructions:
        'You are Tabagent. For weather questions, find the place’s coordinates with geocodePlace, then call getWeatherForecast with them (timezone "auto"). Give temperatures in °C and say that the data comes from Open-Meteo.',
      starterPrompt: 'What will the weather be like in Hangzhou over the next three days?',
    },
    modelApi: {
      description: 'Draws pictures through your own OpenAI-compatible image API (the model_api tool).',
      instructions:
        'You are Tabagent. When the user asks for a picture, call model_api with task "image" and a detailed prompt in English. The user approves each call. Afterwards, say briefly what you asked for.',
      starterPrompt: 'Draw a watercolor of a lighthouse at dawn.',
    },
    memory: {
      description: 'Long-term memory: saves what you tell it and finds it again in later conversations.',
      instructions:
        'You are Tabagent. You have long-term memory. When the user tells you a preference or a fact about themselves, save it with remember, one fact per call. Use recall when an answer may depend on what they told you before, and forget when they ask you to.',
      starterPrompt: 'Remember that I prefer metric units and green tea.',
    },
  },
  zh: {
    calculator: {
      description: '用在此标签页中运行的内置工具进行精确计算、单位换算和查询时间。',
      instructions: '你是 Tabagent。每次计算都使用 calculator 工具，单位换算使用 unit_convert，日期和时间使用 current_time；不要心算。请用结果简短作答。',
      starterPrompt: '86.40 的 15% 是多少？26.2 英里是多少公里？东京现在几点？',
    },
    documents: {
      description: '根据知识库回答，并把用到的段落标注为 [1]、[2]。',
      instructions: '你是 Tabagent。请根据随消息引用的参考资料回答，并用 [n] 标注你用到的每个段落。如果资料中没有答案，请直接说明。',
      starterPrompt: '严格网络模式有什么作用？它拦截了某个 API 时，我该如何放行？',
    },
    mcp: {
      description: '使用已连接的模型上下文协议（MCP）服务器的工具。',
      instructions: '你是 Tabagent。在有帮助时使用已连接 MCP 服务器的工具，并说明答案来自哪个工具。',
      starterPrompt: '用 MCP 服务器的 get-sum 工具计算 17 加 25。',
    },
    openapi: {
      description: '通过从 Open-Meteo 的 OpenAPI 文档导入的工具查询天气预报。',
      instructions:
        '你是 Tabagent。回答天气问题时，先用 geocodePlace 查到地点的经纬度，再用这些坐标调用 getWeatherForecast（timezone 设为 "auto"）。温度用 °C 表示，并说明数据来自 Open-Meteo。',
      starterPrompt: '杭州未来三天的天气怎么样？',
    },
    modelApi: {
      description: '通过你自己的 OpenAI 兼容图像 API（model_api 工具）画图。',
      instructions: '你是 Tabagent。当用户想要一幅图时，用 task "image" 和一段详细的英文提示调用 model_api。每次调用都由用户批准。之后简要说明你请求了什么。',
      starterPrompt: '画一幅黎明时分灯塔的水彩画。',
    },
    memory: {
      description: '长期记忆：保存你告诉它的内容，并在以后的对话中再次找到。',
      instructions:
        '你是 Tabagent。你拥有长期记忆。当用户告诉你某个偏好或关于自己的事实时，用 remember 保存，每次调用保存一条。当回答可能取决于用户以前说过的话时使用 recall，用户要求时使用 forget。',
      starterPrompt: '记住：我喜欢公制单位，也爱喝绿茶。',
    },
  },
};

/** A demo's first message (its agent's starter prompt) in `language`. */
export function demoStarterPrompt(id: DemoId, language: InterfaceLanguage): string {
  return DEMO_WORDS[language][id].starterPrompt;
}

/** Every demo id, in the dialog's order. */
export const DEMO_IDS: readonly DemoId[] = ['calculator', 'documents', 'mcp', 'openapi', 'modelApi', 'memory'];

/** One demo's built-in agent with its texts in `language` (a fresh object: callers may not change the constants). */
export function demoAgent(id: DemoId, language: InterfaceLanguage): AgentDefinition {
  const text = DEMO_AGENTS[id];
  const words = DEMO_WORDS[language][id];
  return {
    ...agentDefaults(),
    id: demoAgentId(id),
    name: text.name,
    avatar: { kind: 'emoji', emoji: text.emoji },
    description: words.description,
    instructions: words.instructions,
    starterPrompts: [words.starterPrompt],
    tools: [...text.tools.map((name): AgentToolRef => ({ kind: 'tool', name })), ...(text.extraRefs ?? [])],
    pinnedTools: [...text.tools],
    // The memory demo is about the memories every agent shares (the Memory page shows them).
    memory: id === 'memory' ? 'shared' : 'off',
    builtIn: true,
    createdAt: 0,
    updatedAt: 0,
  };
}

/** The demos' built-in agents in `language`, in the dialog's order. */
export function demoAgents(language: InterfaceLanguage): AgentDefinition[] {
  return DEMO_IDS.map((id) => demoAgent(id, language));
}
