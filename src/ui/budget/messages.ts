import { defineMessages } from '../i18n';

/** Every string of the context budget view, in English and Chinese. */
export const t = defineMessages({
  en: {
    summary: ({ total, limit, percent }) => `Context: ${total} of ${limit} tokens (${percent}%)`,
    summaryNoLimit: ({ total }) => `Context: ${total} tokens`,
    barLabel: ({ parts }) => `Context use: ${parts}`,
    system: 'System',
    tools: 'Tools',
    context: 'Memories and knowledge',
    history: 'Conversation',
    free: 'Free',
    tokens: ({ count }) => `${count} tokens`,
    part: ({ name, count }) => `${name}: ${count} tokens`,
    omitted: ({ count }) => `${count} earlier messages left out to fit.`,
    truncated: ({ count }) => `${count} tool results shortened to fit.`,
    overflow: ({ total, limit }) =>
      `This message needs about ${total} tokens, more than the model reads here (${limit}), even with earlier messages left out. Shorten it, enable fewer tools, or choose a model with a longer context.`,
  },
  zh: {
    summary: ({ total, limit, percent }) => `上下文：${total} / ${limit} 个词元（${percent}%）`,
    summaryNoLimit: ({ total }) => `上下文：${total} 个词元`,
    barLabel: ({ parts }) => `上下文占用：${parts}`,
    system: '系统提示',
    tools: '工具',
    context: '记忆与知识',
    history: '对话',
    free: '剩余',
    tokens: ({ count }) => `${count} 个词元`,
    part: ({ name, count }) => `${name}：${count} 个词元`,
    omitted: ({ count }) => `为腾出空间，省略了 ${count} 条较早的消息。`,
    truncated: ({ count }) => `为腾出空间，缩短了 ${count} 个工具结果。`,
    overflow: ({ total, limit }) =>
      `即使省略了较早的消息，这条消息仍需约 ${total} 个词元，超过了模型在此能读取的上限（${limit}）。请缩短消息、减少启用的工具，或选择上下文更长的模型。`,
  },
});
