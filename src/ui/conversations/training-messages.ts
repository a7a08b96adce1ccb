import { defineMessages } from '../i18n';

/** The words of the per-conversation training opt-in. */
export const t = defineMessages({
  en: {
    train: 'Train',
    trainNamed: ({ title }) => `Use ${title} for training data`,
    trainHint: 'May go into a training-data export (Eval page)',
  },
  zh: {
    train: '训练',
    trainNamed: ({ title }) => `允许把 ${title} 用作训练数据`,
    trainHint: '可以被导出为训练数据（评测页面）',
  },
});
