import { defineMessages } from '../i18n';

/** The update prompt's words. */
export const t = defineMessages({
  en: {
    newVersion: 'A new version of Tabagent is available.',
    reload: 'Reload',
    later: 'Later',
  },
  zh: {
    newVersion: 'Tabagent 有新版本可用。',
    reload: '重新加载',
    later: '稍后',
  },
});
