/**
 * What a person reads when a request never got an answer: which host could not be reached, what
 * that means for them, and what to do. One place for every network failure (engine, tool, MCP
 * server, model hub), keyed by the error's code and the `source`/`host` its `data` carries, so
 * the UI translates it instead of showing the browser's "Failed to fetch". Pure: no DOM.
 */
import { isAbortError, TabagentError, type ErrorCode } from './errors';

/** Who was trying to reach the host. */
export type NetworkErrorSource = 'engine' | 'tool' | 'mcp' | 'model-hub';

/**
 * What went wrong: the host never answered ('unreachable'), or a download got part of the way
 * and then lost the connection ('interrupted', with `downloadedBytes`).
 */
export type NetworkErrorReason = 'unreachable' | 'interrupted';

/** The fields a network error's `data` carries for `describeNetworkError`. */
export interface NetworkErrorData {
  source: NetworkErrorSource;
  /** The host (and port) that could not be reached, never a path, query or credentials. */
  host: string;
  /** The tool, MCP server or model concerned, when there is one. */
  name?: string;
  /** Absent means 'unreachable'. */
  reason?: NetworkErrorReason;
  /** How much of a model download had arrived before it failed ('interrupted'). */
  downloadedBytes?: number;
}

/** What the person can do next, for the UI to offer as buttons. */
export type NetworkErrorAction = 'retry' | 'connect-server';

export interface NetworkErrorDescription {
  message: string;
  actions: NetworkErrorAction[];
}

/** The languages the descriptions are written in. */
export type NetworkErrorLanguage = 'en' | 'zh';

/** The host of `url` (`api.example.com:8443`), or the text itself when it is not a URL. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

/** `data` fields for a network error from `source` that could not reach `url`. */
export function networkErrorData(source: NetworkErrorSource, url: string, name?: string): NetworkErrorData {
  return { source, host: hostOf(url), reason: 'unreachable', ...(name === undefined ? {} : { name }) };
}

const MIB = 1024 * 1024;

/** "about 120 MB" of a byte count, for the partial-download sentence. */
function megabytes(bytes: number, language: NetworkErrorLanguage): string {
  const amount = bytes < MIB ? '< 1' : String(Math.round(bytes / MIB));
  return language === 'zh' ? `约 ${amount} MB` : `about ${amount} MB`;
}

/** Whether the data describes a download that had started to arrive. */
function isPartial(data: NetworkErrorData): data is NetworkErrorData & { downloadedBytes: number } {
  return data.reason === 'interrupted' && typeof data.downloadedBytes === 'number' && data.downloadedBytes > 0;
}

type Describe = (data: NetworkErrorData) => string;

const MESSAGES: Record<NetworkErrorLanguage, Record<NetworkErrorSource, Describe>> = {
  en: {
    'model-hub': (data) =>
      isPartial(data)
        ? `Could not finish downloading ${data.name ?? 'the model'}: the connection to ${data.host} was lost (you may have gone offline, or a firewall or network filter stopped it). ` +
          `${megabytes(data.downloadedBytes, 'en')} had been downloaded; the files that finished are kept, so trying again picks up from there. The model you used before is still in use. Try again, or connect a model server instead.`
        : `Could not download ${data.name ?? 'the model'}: ${data.host} could not be reached (you may be offline, or a firewall or network filter blocks it). ` +
          'Nothing was downloaded, and the model you used before is still in use. Try again, or connect a model server instead.',
    engine: ({ host }) =>
      `Could not reach the model server ${host}: it may be down, you may be offline, or it does not allow requests from this page (CORS). ` +
      'Nothing was answered. Check the server address in Settings and try again.',
    tool: ({ host, name }) =>
      `The tool ${name ? `${name} ` : ''}could not reach ${host} (you may be offline, or the site is down or blocked). Check your connection and the tool's address, then try again.`,
    mcp: ({ host, name }) =>
      `Could not connect to the MCP server ${name ? `"${name}" ` : ''}at ${host}: check that it is running, that its address is right and that it allows this page (CORS), then try again.`,
  },
  zh: {
    'model-hub': (data) =>
      isPartial(data)
        ? `未能下载完${data.name ?? '模型'}：与 ${data.host} 的连接中断（可能已离线，或被防火墙、网络过滤阻止）。已下载${megabytes(data.downloadedBytes, 'zh')}，已完成的文件会保留，重试时从那里继续。之前使用的模型仍在使用。请重试，或改为连接模型服务器。`
        : `无法下载${data.name ?? '模型'}：无法连接 ${data.host}（可能处于离线状态，或被防火墙、网络过滤阻止）。没有下载任何内容，之前使用的模型仍在使用。请重试，或改为连接模型服务器。`,
    engine: ({ host }) => `无法连接模型服务器 ${host}：服务器可能已停止、你可能处于离线状态，或它不允许来自此页面的请求（CORS）。没有得到回答。请在设置中检查服务器地址后重试。`,
    tool: ({ host, name }) => `工具${name ? ` ${name} ` : ''}无法连接 ${host}（可能处于离线状态，或该网站已停止或被阻止）。请检查网络连接和工具的地址后重试。`,
    mcp: ({ host, name }) => `无法连接 MCP 服务器${name ? `“${name}”` : ''}（${host}）：请检查它是否在运行、地址是否正确、是否允许此页面访问（CORS），然后重试。`,
  },
};

const SOURCES: ReadonlySet<string> = new Set<NetworkErrorSource>(['engine', 'tool', 'mcp', 'model-hub']);

/** The network fields of an error's `data`, when it has them. */
export function networkDataOf(data: unknown): NetworkErrorData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { source, host, name, reason, downloadedBytes } = data as Record<string, unknown>;
  if (typeof source !== 'string' || !SOURCES.has(source) || typeof host !== 'string' || host === '') return undefined;
  return {
    source: source as NetworkErrorSource,
    host,
    ...(typeof name === 'string' && name !== '' ? { name } : {}),
    // Only the reasons this module writes: another module's `reason` (web-llm's) is not ours to read.
    ...(reason === 'interrupted' && typeof downloadedBytes === 'number' && downloadedBytes > 0 ? { reason, downloadedBytes } : { reason: 'unreachable' as const }),
  };
}

/**
 * The person-facing text and next steps for a network failure (code 'network' with
 * `NetworkErrorData` in its data), in `language`; undefined for any other error.
 */
export function describeNetworkError(error: { code: ErrorCode; data?: unknown }, language: NetworkErrorLanguage = 'en'): NetworkErrorDescription | undefined {
  if (error.code !== 'network') return undefined;
  const data = networkDataOf(error.data);
  if (!data) return undefined;
  const actions: NetworkErrorAction[] = data.source === 'model-hub' ? ['retry', 'connect-server'] : ['retry'];
  return { message: MESSAGES[language][data.source](data), actions };
}

/** A 'network' TabagentError whose message is `describeNetworkError`'s English text. */
export function networkFailure(data: NetworkErrorData, options: { detail?: string; cause?: unknown; extra?: Record<string, unknown> } = {}): TabagentError {
  const message = MESSAGES.en[data.source](data);
  return new TabagentError('network', message, {
    data: { ...options.extra, ...data, ...(options.detail === undefined ? {} : { detail: options.detail.slice(0, 300) }) },
    isRetryable: true,
    ...(options.cause === undefined ? {} : { cause: options.cause }),
  });
}

/** Whether a thrown value is the browser's "the request got no answer" (fetch's TypeError and its variants). */
export function isFetchFailure(value: unknown): boolean {
  if (TabagentError.is(value) || isAbortError(value)) return false;
  // Node's fetch says only "fetch failed"; the system's reason (ECONNREFUSED…) is in its cause.
  const inner: unknown = value instanceof Error ? value.cause : undefined;
  const cause = typeof inner === 'object' && inner !== null ? ` ${String((inner as { code?: unknown }).code ?? '')}` : '';
  const text = value instanceof Error ? `${value.name}: ${value.message}${cause}` : String(value);
  return /Failed to fetch|NetworkError when attempting|Load failed|fetch failed|ERR_NAME_NOT_RESOLVED|ERR_CONNECTION|ERR_NETWORK|ERR_ADDRESS_UNREACHABLE|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ERR_INTERNET_DISCONNECTED/i.test(text);
}

/**
 * The one way a caller turns what `fetch` threw into the error a person reads: the browser's
 * bare "Failed to fetch" (and its Firefox, Safari and Node spellings) becomes a 'network'
 * TabagentError naming `source`, the host of `url` and `name`; anything else (a TabagentError,
 * an abort, a programming error) is returned as it was, for the caller's own handling.
 */
export function classifyFetchFailure(error: unknown, source: NetworkErrorSource, url: string, name?: string): unknown {
  if (!isFetchFailure(error)) return error;
  // No `detail`: a tool's or server's error text may quote a header, and the host says enough.
  return networkFailure(networkErrorData(source, url, name), { cause: error });
}

/**
 * A failed model download's network error with what the caller knows better than the engine:
 * the model's name as the person saw it, and how much had arrived before it failed (so the
 * message says so instead of "nothing was downloaded"). Other errors are returned as they were.
 */
export function withDownloadFacts(error: unknown, facts: { name?: string; downloadedBytes?: number }): unknown {
  if (!TabagentError.is(error) || error.code !== 'network') return error;
  const data = networkDataOf(error.data);
  if (!data || data.source !== 'model-hub') return error;
  const bytes = facts.downloadedBytes ?? 0;
  const next: NetworkErrorData = {
    ...data,
    ...(facts.name ? { name: facts.name } : {}),
    ...(bytes > 0 ? { reason: 'interrupted' as const, downloadedBytes: bytes } : {}),
  };
  return networkFailure(next, { cause: error.cause ?? error, extra: error.data });
}

/**
 * The person-facing text for a downloaded file that does not match its published hash (code
 * 'integrity', data `host` and `file`), in `language`; undefined for any other error.
 */
export function describeIntegrityError(error: { code: ErrorCode; data?: unknown }, language: NetworkErrorLanguage = 'en'): NetworkErrorDescription | undefined {
  if (error.code !== 'integrity' || typeof error.data !== 'object' || error.data === null) return undefined;
  const { host, file } = error.data as Record<string, unknown>;
  if (typeof host !== 'string' || typeof file !== 'string') return undefined;
  const message =
    language === 'zh'
      ? `来自 ${host} 的模型文件 ${file} 与其来源公布的校验值不符，因此没有加载也没有保存。它可能在传输途中被篡改。请稍后重试，或从其他来源下载模型。`
      : `The model file ${file} from ${host} does not match the checksum its source publishes, so it was not loaded or kept. It may have been altered on the way. Try again later, or download the model from another source.`;
  return { message, actions: ['retry'] };
}
