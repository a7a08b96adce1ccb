import { TabagentError } from '../core/errors';
import { classifyFetchFailure } from '../core/network-errors';
import { originOf } from './origins';

function requestUrl(input: RequestInfo | URL): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * Wraps `fetch` so a tool can reach only the origins it was granted. Stops a tool (or an
 * injected instruction steering its arguments) from sending data to an origin the user never
 * allowed. `allowed` is read on every request so settings changes apply at once.
 * Redirects are the network layer's concern (src/net); this checks where a request starts.
 * A request that gets no answer rejects with a 'network' TabagentError naming the host and tool.
 */
export function guardFetch(fetchImpl: typeof fetch, toolName: string, allowed: () => readonly string[]): typeof fetch {
  return (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const origin = originOf(requestUrl(input));
    if (origin === undefined || !allowed().includes(origin)) {
      const target = origin ?? 'a non-http(s) address';
      return Promise.reject(
        new TabagentError('denied', `Tool ${toolName} may not contact ${target}: it is not among the tool's allowed origins.`, {
          data: { tool: toolName, origin: origin ?? null },
        }),
      );
    }
    // A request that got no answer says which host and which tool (not the browser's bare
    // "Failed to fetch"), for every tool kind: custom HTTP, OpenAPI, model_api.
    return fetchImpl(input, init).catch((error: unknown) => {
      throw classifyFetchFailure(error, 'tool', origin, toolName);
    });
  };
}
