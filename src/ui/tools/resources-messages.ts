import { defineMessages } from '../i18n';

/** The words of a server's resources browser on the Tools page. */
export const t = defineMessages({
  en: {
    resourcesOf: ({ name }) => `Resources of ${name}`,
    loading: 'Loading resources…',
    none: 'This server offers no resources.',
    resources: 'Resources',
    templates: 'Resource templates',
    read: 'Read',
    readResource: ({ name }) => `Read ${name}`,
    contentOf: ({ name }) => `Content of ${name}`,
  },
  zh: {
    resourcesOf: ({ name }) => `${name} 的资源`,
    loading: '正在加载资源…',
    none: '这个服务器没有提供资源。',
    resources: '资源',
    templates: '资源模板',
    read: '读取',
    readResource: ({ name }) => `读取 ${name}`,
    contentOf: ({ name }) => `${name} 的内容`,
  },
});
