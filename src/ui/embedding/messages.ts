import { defineMessages } from '../i18n';

/** Every string of the embedding-model consent and status, in English and Chinese. */
export const t = defineMessages({
  en: {
    heading: 'Search by meaning',
    explain: ({ model, size }) =>
      `Search works by keywords now. To also find passages by meaning, Tabagent can download the embedding model ${model} (about ${size} MB) once; it then stays in this browser and runs on this device.`,
    download: ({ size }) => `Download the embedding model (≈${size} MB)`,
    loadingLabel: 'Loading the embedding model',
    loadingText: ({ percent }) => `${percent} %`,
    loadingBytes: ({ done, total }) => `${done} of ${total} MB`,
    ready: ({ model }) => `Search by meaning is on (${model}).`,
    failed: ({ message }) => `The embedding model could not be loaded: ${message}`,
    retry: 'Try again',
  },
  zh: {
    heading: '按语义搜索',
    explain: ({ model, size }) =>
      `目前按关键词搜索。若要按语义查找段落，Tabagent 可以下载一次嵌入模型 ${model}（约 ${size} MB）；之后它保存在本浏览器中，并在本设备上运行。`,
    download: ({ size }) => `下载嵌入模型（约 ${size} MB）`,
    loadingLabel: '正在加载嵌入模型',
    loadingText: ({ percent }) => `已完成 ${percent}%`,
    loadingBytes: ({ done, total }) => `已下载 ${done} / ${total} MB`,
    ready: ({ model }) => `已开启按语义搜索（${model}）。`,
    failed: ({ message }) => `无法加载嵌入模型：${message}`,
    retry: '重试',
  },
});
