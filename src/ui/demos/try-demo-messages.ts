import { defineMessages } from '../i18n';

/**
 * The words of the "Try a demo" button on the start page and in the welcome. Kept apart from the
 * dialog's table (`messages.ts`), which loads with the dialog, so the start-up JavaScript stays small.
 */
export const t = defineMessages({
  en: {
    tryDemo: 'Try a demo',
    loadFailed: ({ reason }) => `The demos could not be loaded: ${reason}`,
    reload: 'Reload',
  },
  zh: {
    tryDemo: '试试演示',
    loadFailed: ({ reason }) => `无法加载演示：${reason}`,
    reload: '重新加载',
  },
});
