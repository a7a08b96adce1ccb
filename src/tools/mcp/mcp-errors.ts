import { McpError, ErrorCode as McpErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { UnauthorizedError } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { SseError } from '@modelcontextprotocol/sdk/client/sse.js';
import { TabagentError, isAbortError, abortedError } from '../../core/errors';
import { classifyFetchFailure, networkErrorData, networkFailure } from '../../core/network-errors';

/** The HTTP status an SDK transport error carries, when it carries one. */
export function httpStatusOf(error: unknown): number | undefined {
  if (error instanceof StreamableHTTPError || error instanceof SseError) {
    return typeof error.code === 'number' && error.code > 0 ? error.code : undefined;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Why connecting to an MCP server failed, as a TabagentError that says what to do. The most
 * common cause in a browser, a server that does not allow this page's origin (CORS), looks
 * exactly like an unreachable server, so the message names both.
 */
export function connectError(error: unknown, url: string): TabagentError {
  if (TabagentError.is(error)) return error;
  if (isAbortError(error)) return abortedError(`Connecting to ${url} was stopped.`, { cause: error });
  const status = httpStatusOf(error);
  if (error instanceof UnauthorizedError || status === 401 || status === 403) {
    return new TabagentError('auth', `The MCP server at ${url} refused the connection (${status ?? 401}): add or fix its auth header.`, {
      cause: error,
      data: { url, ...(status ? { status } : {}) },
    });
  }
  if (status === 404 || status === 405) {
    return new TabagentError('not-found', `No MCP endpoint at ${url} (HTTP ${status}). Check the path, often /mcp or /sse.`, {
      cause: error,
      data: { url, status },
    });
  }
  if (status !== undefined && status >= 500) {
    return new TabagentError('server', `The MCP server at ${url} failed (HTTP ${status}). Try again later.`, {
      cause: error,
      data: { url, status },
      isRetryable: true,
    });
  }
  if (error instanceof McpError) {
    return new TabagentError('server', `The MCP server at ${url} answered with an error: ${error.message}`, { cause: error, data: { url } });
  }
  // No answer (or a CORS refusal, which looks the same): the host and what to do, in the person's language.
  return networkFailure(networkErrorData('mcp', url), { detail: messageOf(error), cause: error, extra: { url } });
}

/**
 * A failed tools/call as the TabagentError the executor hands to the model. `url` is the
 * server's address: a call that got no answer names its host and the tool.
 */
export function callError(error: unknown, toolName: string, url?: string): TabagentError {
  if (TabagentError.is(error)) return error;
  if (url !== undefined) {
    const classified = classifyFetchFailure(error, 'mcp', url);
    if (TabagentError.is(classified)) return classified;
  }
  if (isAbortError(error)) return abortedError(`Tool ${toolName} was stopped.`, { cause: error });
  if (error instanceof McpError) {
    if (error.code === McpErrorCode.RequestTimeout) {
      return new TabagentError('timeout', `The MCP server did not answer ${toolName} in time.`, { cause: error });
    }
    if (error.code === McpErrorCode.ConnectionClosed) {
      return new TabagentError('network', `The connection to the MCP server closed while ${toolName} ran.`, {
        cause: error,
        isRetryable: true,
        ...(url === undefined ? {} : { data: { ...networkErrorData('mcp', url) } }),
      });
    }
    return new TabagentError('tool-failed', `${toolName} failed on the MCP server: ${error.message}`, { cause: error, data: { mcpCode: error.code } });
  }
  const status = httpStatusOf(error);
  if (status === 401 || status === 403) {
    return new TabagentError('auth', `The MCP server refused ${toolName} (HTTP ${status}): check its auth header on the Tools page.`, { cause: error });
  }
  return new TabagentError('tool-failed', `${toolName} failed: ${messageOf(error)}`, { cause: error });
}
