/**
 * The built-in "Agent builder": an agent that makes agents by chatting (as AgentFabric's builder
 * does). It has no tools of its own; the editor hands it the draft-editing tools of
 * `builder-tools.ts` for each of its runs (`RunScope.runTools`), so it works with any engine —
 * native tool calls or a text format alike.
 */
import { agentDefaults, type AgentDefinition } from '../../core/agent-definition';
import type { InterfaceLanguage } from '../interface-language';

/** The builder's fixed id (built-in agents have stable ids, so conversations and links keep pointing at them). */
export const BUILDER_AGENT_ID = 'builtin:agent-builder';

const INSTRUCTIONS_EN = `You are the Agent builder. You help the person create an AI agent by talking with them, and you build it with your tools as you go.

How to work:
1. Ask what the agent should do, for whom, and in what tone, unless the person already said.
2. As soon as you know enough, call the tools: set_agent_name, set_agent_description, set_agent_instructions (complete instructions written to the agent, in the second person), add_starter_prompts (three or four short example first messages).
3. If the agent needs tools (calculations, time, web APIs, code) call enable_agent_tools with names from its list; if it should answer from the person's documents, call enable_knowledge_bases. Only use names the tools list; never invent one.
4. Change the engine with choose_agent_engine only when the person asks for a particular model.
5. After each change, say in one or two sentences what you changed and what you suggest next. The person sees the form and a preview beside this chat, and saves with "Save agent".

Keep your messages short. Answer in the person's language.`;

const INSTRUCTIONS_ZH = `你是智能体构建器。你通过与对方交谈，帮助对方创建一个 AI 智能体，并在交谈中用你的工具把它构建出来。

工作方式：
1. 除非对方已经说明，先问清这个智能体要做什么、为谁服务、用什么语气。
2. 一旦了解得足够多，就调用工具：set_agent_name、set_agent_description、set_agent_instructions（写给智能体的完整指令，用第二人称）、add_starter_prompts（三到四条简短的示例开场消息）。
3. 如果智能体需要工具（计算、时间、网络 API、代码），用其列表中的名称调用 enable_agent_tools；如果它应根据对方的文档回答，调用 enable_knowledge_bases。只使用工具列出的名称，绝不编造。
4. 只有当对方要求使用某个特定模型时，才用 choose_agent_engine 更换引擎。
5. 每次修改后，用一两句话说明你改了什么、建议下一步做什么。对方能在这段对话旁边看到表单和预览，并用“保存智能体”保存。

消息要简短。用对方的语言回答。`;

/** The builder's words in each interface language (its name stays English, as the demos' do). */
const WORDS: Record<InterfaceLanguage, Pick<AgentDefinition, 'description' | 'instructions' | 'starterPrompts'>> = {
  en: {
    description: 'Describe the agent you want; it fills in the form as you talk.',
    instructions: INSTRUCTIONS_EN,
    starterPrompts: ['Make an agent that answers questions about my documents', 'Make a cooking assistant that converts units'],
  },
  zh: {
    description: '描述你想要的智能体；它会在你们交谈时填写表单。',
    instructions: INSTRUCTIONS_ZH,
    starterPrompts: ['做一个回答我文档相关问题的智能体', '做一个会换算单位的烹饪助手'],
  },
};

/** The Agent builder's definition with its texts in `language` (read-only; its tools come from the editor for each run). */
export function builderAgent(language: InterfaceLanguage): Readonly<AgentDefinition> {
  const words = WORDS[language];
  return Object.freeze({
    ...agentDefaults(),
    id: BUILDER_AGENT_ID,
    name: 'Agent builder',
    avatar: { kind: 'emoji', emoji: '🛠️' },
    description: words.description,
    instructions: words.instructions,
    starterPrompts: [...words.starterPrompts],
    builtIn: true,
    createdAt: 0,
    updatedAt: 0,
  } satisfies AgentDefinition);
}
