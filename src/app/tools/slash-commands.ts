/** A connected MCP server's prompts as composer slash commands: the UI reaches them through here. */
export { listSlashCommands, matchSlashCommands, usePrompt, type SlashCommand, type SlashCommandArgument } from '../../tools/mcp/prompts';
