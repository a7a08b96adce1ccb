import { defineMessages } from '../i18n';

/** The page navigation's words, and those of a page while it loads. */
export const t = defineMessages({
  en: {
    pages: 'Pages',
    loading: 'Loading…',
    loadFailed: ({ reason }) => `This page could not be loaded (${reason}).`,
    reload: 'Reload',
  },
  zh: {
    pages: '页面',
    loading: '正在加载…',
    loadFailed: ({ reason }) => `无法加载此页面（${reason}）。`,
    reload: '重新加载',
  },
});
