import { defineMessages } from '../i18n';

/** The words of the chat's agent: its header, the new conversation's introduction and the agents to chat with. */
export const t = defineMessages({
  en: {
    agentBar: 'Agent',
    loadingAgent: 'Loading the agent…',
    removedAgent: 'Removed agent',
    removedNote: 'The agent of this conversation was deleted. You can still read it; new messages use the default settings.',
    newChatWith: 'New chat with…',
    starterPrompts: 'Starter prompts',
    agentsToChatWith: 'Agents to chat with',
    chatWith: ({ name }) => `Chat with ${name}`,
    knowledge: ({ on, total }) => `Knowledge (${on} of ${total})`,
    knowledgeTitle: "The agent's knowledge bases searched in this conversation",
    searchBase: ({ name }) => `Search ${name}`,
    missingBase: ({ id }) => `Knowledge base ${id} (deleted)`,
    builtIn: 'Built in',
  },
  zh: {
    agentBar: '智能体',
    loadingAgent: '正在加载智能体…',
    removedAgent: '已删除的智能体',
    removedNote: '这个对话的智能体已被删除。对话仍可阅读；新消息使用默认设置。',
    newChatWith: '与…新建对话',
    starterPrompts: '开场提示',
    agentsToChatWith: '可以对话的智能体',
    chatWith: ({ name }) => `与 ${name} 对话`,
    knowledge: ({ on, total }) => `知识库（${on}/${total}）`,
    knowledgeTitle: '本对话中搜索的智能体知识库',
    searchBase: ({ name }) => `搜索 ${name}`,
    missingBase: ({ id }) => `知识库 ${id}（已删除）`,
    builtIn: '内置',
  },
});
