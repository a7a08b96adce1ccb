import { TabagentError } from '../../core/errors';
import type { McpPromptResult } from './mcp-connection';
import type { McpServerManager } from './mcp-server-manager';

/** One argument of a server's prompt, for the small form shown before it is used. */
export interface SlashCommandArgument {
  name: string;
  description?: string;
  required: boolean;
}

/** A server's prompt as a composer slash command (`/everything:simple-prompt`). */
export interface SlashCommand {
  serverId: string;
  serverName: string;
  prompt: string;
  /** What is typed after `/`. */
  command: string;
  description?: string;
  arguments: SlashCommandArgument[];
}

/** Every prompt of every connected server that offers prompts, as slash commands. A server that fails to list is left out. */
export async function listSlashCommands(manager: McpServerManager): Promise<SlashCommand[]> {
  const servers = manager.statuses().filter((status) => status.state === 'connected' && status.prompts.length > 0);
  const lists = await Promise.all(
    servers.map(async (server) => {
      try {
        const prompts = await (await manager.connection(server.id)).listPrompts();
        return prompts.map(
          (prompt): SlashCommand => ({
            serverId: server.id,
            serverName: server.name,
            prompt: prompt.name,
            command: `${server.name}:${prompt.name}`,
            ...(prompt.description ? { description: prompt.description } : {}),
            arguments: (prompt.arguments ?? []).map((argument) => ({
              name: argument.name,
              ...(argument.description ? { description: argument.description } : {}),
              required: argument.required === true,
            })),
          }),
        );
      } catch {
        return [];
      }
    }),
  );
  return lists.flat();
}

/**
 * The commands a draft asks for: when the draft is `/` followed by a word (no space yet), the
 * commands whose name starts with it, then those that contain it; otherwise none.
 */
export function matchSlashCommands(commands: readonly SlashCommand[], draft: string): SlashCommand[] {
  const match = /^\/(\S*)$/.exec(draft);
  if (!match) return [];
  const typed = (match[1] ?? '').toLowerCase();
  const starts = commands.filter((command) => command.command.toLowerCase().startsWith(typed) || command.prompt.toLowerCase().startsWith(typed));
  const contains = commands.filter((command) => !starts.includes(command) && command.command.toLowerCase().includes(typed));
  return [...starts, ...contains];
}

/**
 * The draft a prompt's messages make: user messages' text as it is, other roles' under a label,
 * embedded resources' text quoted, images and audio named (they cannot go into a text draft).
 */
export function promptDraft(result: McpPromptResult): string {
  const parts = result.messages.map((message) => {
    const content = message.content;
    let text: string;
    if (content.type === 'text') text = content.text;
    else if (content.type === 'resource') text = 'text' in content.resource && typeof content.resource.text === 'string' ? `${content.resource.uri}:\n${content.resource.text}` : `[resource ${content.resource.uri}]`;
    else if (content.type === 'resource_link') text = `[resource ${content.uri}]`;
    else text = `[${content.type} content not included]`;
    return message.role === 'user' ? text : `${message.role}: ${text}`;
  });
  return parts.join('\n\n');
}

/**
 * Fills in a prompt on its server (`prompts/get`) and returns the draft it makes. A missing
 * required argument is an 'invalid-arguments' error naming it, and nothing is asked of the server.
 */
export async function usePrompt(manager: McpServerManager, command: SlashCommand, args: Record<string, string>, signal?: AbortSignal): Promise<string> {
  const missing = command.arguments.filter((argument) => argument.required && !(args[argument.name] ?? '').trim());
  if (missing.length > 0) {
    throw new TabagentError('invalid-arguments', `The prompt /${command.command} needs ${missing.map((argument) => `"${argument.name}"`).join(', ')}.`);
  }
  const given = Object.fromEntries(Object.entries(args).filter(([, value]) => value.trim() !== ''));
  const connection = await manager.connection(command.serverId);
  return promptDraft(await connection.getPrompt(command.prompt, given, signal));
}
