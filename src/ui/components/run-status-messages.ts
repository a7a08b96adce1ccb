import { defineMessages } from '../i18n';

/** The words for a run's passing states: a tool call's progress, the wait for reconnecting MCP servers. */
export const t = defineMessages({
  en: {
    toolProgress: ({ name }) => `Progress of ${name}`,
    progressOf: ({ progress, total }) => `${progress} of ${total}`,
    progressSoFar: ({ progress }) => `${progress} so far`,
    waitingForServers: 'Waiting for MCP servers to reconnect…',
    serversTimedOut: 'Some MCP servers were still reconnecting: this turn went on without their tools.',
  },
  zh: {
    toolProgress: ({ name }) => `${name} 的进度`,
    progressOf: ({ progress, total }) => `进度 ${progress} / ${total}`,
    progressSoFar: ({ progress }) => `已完成 ${progress}`,
    waitingForServers: '正在等待 MCP 服务器重新连接…',
    serversTimedOut: '部分 MCP 服务器仍在重新连接：本轮在没有它们的工具的情况下继续。',
  },
});
