import { defineMessages } from '../i18n';

/**
 * The words of the "Try a demo" button on the start page and in the welcome. Kept apart from the
 * dialog's table (`messages.ts`), which loads with the dialog, so the start-up JavaScript stays small.
 */
export const t = defineMessages({
  en: {
    tryDemo: 'Try a demo',
    welcomeText: 'Or see what Tabagent can do first: six short demos, from a calculator to your own documents.',
    loadFailed: ({ reason }) => `The demos could not be loaded: ${reason}`,
    reload: 'Reload',
  },
  zh: {
    tryDemo: '试试演示',
    welcomeText: '也可以先看看 Tabagent 能做什么：六个简短的演示，从计算器到你自己的文档。',
    loadFailed: ({ reason }) => `无法加载演示：${reason}`,
    reload: '重新加载',
  },
});
