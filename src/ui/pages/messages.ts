import { defineMessages } from '../i18n';

/**
 * The page navigation's words (each page's name in the navigation lives here, not in the page's own
 * catalog, so the app shell does not load every page's strings at start-up), and those of a page
 * while it loads.
 */
export const t = defineMessages({
  en: {
    pages: 'Pages',
    navAgents: 'Agents',
    navEval: 'Eval',
    navTools: 'Tools',
    navNetwork: 'Network',
    navMemory: 'Memory',
    navKnowledge: 'Knowledge',
    loading: 'Loading…',
    loadFailed: ({ reason }) => `This page could not be loaded (${reason}).`,
    reload: 'Reload',
  },
  zh: {
    pages: '页面',
    navAgents: '智能体',
    navEval: '评测',
    navTools: '工具',
    navNetwork: '网络',
    navMemory: '记忆',
    navKnowledge: '知识库',
    loading: '正在加载…',
    loadFailed: ({ reason }) => `无法加载此页面（${reason}）。`,
    reload: '重新加载',
  },
});
