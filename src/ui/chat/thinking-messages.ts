import { defineMessages } from '../i18n';

/** The words of a step's "Thinking" section. */
export const t = defineMessages({
  en: {
    thinking: 'Thinking',
    thinkingNow: 'Thinking…',
  },
  zh: {
    thinking: '思考过程',
    thinkingNow: '正在思考…',
  },
});
