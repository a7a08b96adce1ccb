import { defineMessages } from './i18n';

/** The app shell's words: header buttons, the navigation's chat entry, the outdated-tab alert, the missing-model errors. */
export const t = defineMessages({
  en: {
    models: 'Models',
    settings: 'Settings',
    chat: 'Chat',
    outdated: 'Tabagent was updated in another tab, so this tab can no longer save.',
    reload: 'Reload',
    noServerModel: 'No model is connected yet. Open Settings and enter a Base URL and a model.',
    noLocalModel: 'No local model is chosen yet. Open Models and pick one.',
  },
  zh: {
    models: '模型',
    settings: '设置',
    chat: '对话',
    outdated: 'Tabagent 已在另一个标签页中更新，此标签页无法再保存。',
    reload: '重新加载',
    noServerModel: '还没有连接模型。请打开“设置”，填写 Base URL 和模型。',
    noLocalModel: '还没有选择本地模型。请打开“模型”，选择一个。',
  },
});
