import { defineMessages, type Message } from '../i18n';

/** A number or a short text from an error's `data`, as a message parameter (empty when absent). */
function param(params: Record<string, string | number>, key: string): string {
  const value = params[key];
  return value === undefined ? '' : String(value);
}

/** ` (401)` when the error names an HTTP status. */
const status = (params: Record<string, string | number>): string => (param(params, 'status') ? ` (${param(params, 'status')})` : '');
const zhStatus = (params: Record<string, string | number>): string => (param(params, 'status') ? `（${param(params, 'status')}）` : '');

/**
 * Errors by code (`TabagentError.code`), with parameters from the error's `data`. Only codes
 * whose meaning the code and data fully carry are here; errors of other codes (a bad file, a
 * storage failure, a tool's own problem) show the error's own English message.
 */
const en = {
  auth: (params) => `The server rejected the API key${status(params)}. Check the API key in Settings.`,
  'not-found': (params) =>
    `The server has no model "${param(params, 'model')}" or no chat endpoint (404). Check the model name and the base URL in Settings (most base URLs end in /v1).`,
  'rate-limited': 'The server is limiting requests (429). Wait a moment, then try again.',
  server: (params) => `The server failed${status(params)}. Try again later.`,
  'bad-request': (params) => `The server rejected the request${status(params)}.`,
  timeout: 'The request timed out. Try again.',
  network: 'The server could not be reached: you may be offline, the address may be wrong, or the server does not allow this page (CORS).',
  'malformed-stream': 'The server’s answer broke off or was malformed. The text received so far is kept.',
  aborted: 'Stopped.',
  denied: 'You declined the tool call.',
  'network-blocked': (params) => `The network door blocked a request to ${param(params, 'origin') || 'an origin'} that is not allowed.`,
  'step-limit': 'The agent used all its steps without a final answer. Ask again, or split the task into smaller questions.',
  noServerModel: 'No model is connected yet. Open Settings and enter a Base URL and a model.',
  noLocalModel: 'No local model is chosen yet. Open Models and pick one.',
  serverSaid: (params) => ` The server said: "${param(params, 'said')}"`,
} satisfies Record<string, Message>;

/** The error texts: `t(code, data)`; `serverSaid` appends what the server itself said. */
export const t = defineMessages<keyof typeof en>({
  en,
  zh: {
    auth: (params) => `服务器拒绝了 API 密钥${zhStatus(params)}。请在“设置”中检查 API 密钥。`,
    'not-found': (params) =>
      `服务器上没有模型“${param(params, 'model')}”或没有聊天接口（404）。请在“设置”中检查模型名称和 Base URL（大多数 Base URL 以 /v1 结尾）。`,
    'rate-limited': '服务器正在限制请求（429）。请稍等片刻再试。',
    server: (params) => `服务器出错${zhStatus(params)}。请稍后再试。`,
    'bad-request': (params) => `服务器拒绝了这个请求${zhStatus(params)}。`,
    timeout: '请求超时。请再试一次。',
    network: '无法连接服务器：可能已离线、地址有误，或服务器不允许此页面访问（CORS）。',
    'malformed-stream': '服务器的回答中断或格式有误。已保留收到的文字。',
    aborted: '已停止。',
    denied: '你拒绝了这次工具调用。',
    'network-blocked': (params) => `网络关口拦截了发往 ${param(params, 'origin') || '未授权来源'} 的请求：该来源未获允许。`,
    'step-limit': '智能体用完了所有步骤，仍未给出最终回答。请再问一次，或把任务拆成更小的问题。',
    noServerModel: '还没有连接模型。请打开“设置”，填写 Base URL 和模型。',
    noLocalModel: '还没有选择本地模型。请打开“模型”，选择一个。',
    serverSaid: (params) => ` 服务器返回：“${param(params, 'said')}”`,
  },
});

export type ErrorMessageKey = keyof typeof en;
