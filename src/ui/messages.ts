import { defineMessages } from './i18n';

/** The app shell's words: header buttons, the navigation's chat entry, the outdated-tab alert. */
export const t = defineMessages({
  en: {
    models: 'Models',
    settings: 'Settings',
    chat: 'Chat',
    outdated: 'Tabagent was updated in another tab, so this tab can no longer save.',
    reload: 'Reload',
  },
  zh: {
    models: '模型',
    settings: '设置',
    chat: '对话',
    outdated: 'Tabagent 已在另一个标签页中更新，此标签页无法再保存。',
    reload: '重新加载',
  },
});
