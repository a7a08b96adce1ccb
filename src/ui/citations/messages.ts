import { defineMessages } from '../i18n';

/** Every string of citations in answers, in English and Chinese. */
export const t = defineMessages({
  en: {
    citeLabel: ({ n, title }) => `Source ${n}: ${title}`,
    dialogTitle: ({ n }) => `Source [${n}]`,
    passage: 'Cited passage',
    close: 'Close',
  },
  zh: {
    citeLabel: ({ n, title }) => `来源 ${n}：${title}`,
    dialogTitle: ({ n }) => `来源 [${n}]`,
    passage: '引用的段落',
    close: '关闭',
  },
});
