/**
 * The elicitation form's rules, for the dialog that shows a server's request (src/ui goes through
 * src/app). Apart from server-requests.ts: they compile JSON Schemas, and the queue is built with
 * the first screen while the dialog loads at the first request.
 */
export { elicitationContent, elicitationErrors, type ElicitationField, type McpElicitation } from '../../tools/mcp/elicitation';
