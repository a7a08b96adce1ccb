import { defineMessages } from '../i18n';

/** The words of the "tools offered" disclosure under a message (retrieved-tools.tsx). */
export const t = defineMessages({
  en: {
    summary: ({ shown, searched }) => `Tools offered: ${shown} of ${searched}`,
    keyword: 'keyword',
    semantic: 'semantic',
    pinned: 'pinned',
    score: ({ score }) => `score ${score}`,
    list: 'Tools offered for this message, best first',
  },
  zh: {
    summary: ({ shown, searched }) => `提供的工具：${searched} 个中的 ${shown} 个`,
    keyword: '关键词',
    semantic: '语义',
    pinned: '已固定',
    score: ({ score }) => `得分 ${score}`,
    list: '为此消息提供的工具（按相关度排序）',
  },
});
