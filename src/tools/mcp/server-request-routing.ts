/**
 * Routes a server's own requests (sampling, elicitation) to the app's handlers. A sampling
 * request runs on the engine of the call in flight it came during (`CallEngines`, one per
 * server); both kinds name the server to the person as its row on the Tools page does.
 */
import type { McpServerConfig } from '../../core/mcp-server-config';
import { originOf } from '../origins';
import type { McpElicitationHandler } from './elicitation';
import type { McpConnectOptions } from './mcp-connection';
import { routeSampling, type CallEngines } from './sampling-route';
import type { McpRequester, McpSamplingHandlers } from './sampling-types';

/** The app's answers to servers' requests (either may be absent: the capability is then not declared). */
export interface ServerRequestHandlers {
  sampling?: McpSamplingHandlers;
  elicitation?: McpElicitationHandler;
}

/** The server that asks, as its requests name it: its label, else its origin (its address when that has none). */
export function requesterOf(config: Pick<McpServerConfig, 'name' | 'url'>): McpRequester {
  const origin = originOf(config.url);
  return { name: config.name || origin || config.url, origin: origin ?? config.url };
}

/**
 * The connection options that answer one server's requests: sampling on the engine of `calls`'
 * newest call in flight, elicitation as the app answers it, the server named from `config()`
 * (read at each request: the label may come from the handshake).
 */
export function serverRequestOptions(
  handlers: ServerRequestHandlers,
  calls: CallEngines,
  config: () => Pick<McpServerConfig, 'name' | 'url'>,
): Pick<McpConnectOptions, 'sampling' | 'elicitation' | 'requester'> {
  return {
    ...(handlers.sampling ? { sampling: routeSampling(handlers.sampling, calls) } : {}),
    ...(handlers.elicitation ? { elicitation: handlers.elicitation } : {}),
    requester: () => requesterOf(config()),
  };
}
