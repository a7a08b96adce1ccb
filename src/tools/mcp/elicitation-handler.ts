import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { ElicitRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { answerElicitation, elicitationFrom, type McpElicitationHandler } from './elicitation';
import type { McpRequester } from './sampling-types';

/** Answers the server's `elicitation/create` requests on `client` with `handler`. */
export function installElicitationHandler(client: Client, handler: McpElicitationHandler, server: () => McpRequester): void {
  client.setRequestHandler(ElicitRequestSchema, (request, extra) => answerElicitation(elicitationFrom(request.params, server()), handler, extra.signal));
}
