/**
 * What a person reaches of connected MCP servers beyond their tools: resources (browsed on the
 * Tools page, attached to a message in the composer) and prompts (the composer's slash commands).
 * The UI calls these; the engine side is src/tools/mcp/resources.ts and prompts.ts.
 */
import type { ContextProvider } from '../../core/agent/turn-context';
import { TabagentError } from '../../core/errors';
import type { AttachedResourceRef } from '../../core/transcript';
import type { McpServerManager } from '../../tools/mcp/mcp-server-manager';
import { listSlashCommands, usePrompt, type SlashCommand } from '../../tools/mcp/prompts';
import { ResourceAttachments, resourceSection, resourceText, type AttachedResource } from '../../tools/mcp/resources';

/** One resource a server lists. */
export interface ResourceInfo {
  uri: string;
  name: string;
  mimeType?: string;
  description?: string;
}

/** One resource template a server lists, with the variables its form asks for. */
export interface ResourceTemplateInfo {
  uriTemplate: string;
  name: string;
  mimeType?: string;
  description?: string;
  /** The template's variable names (RFC 6570), in order. */
  variables: string[];
}

/** A server's resources and resource templates. */
export interface ServerResources {
  resources: ResourceInfo[];
  templates: ResourceTemplateInfo[];
}

/** The resources attached to the message being written (see `ResourceAttachments`). */
export type ResourceAttachmentList = Pick<ResourceAttachments, 'attach' | 'detach' | 'list' | 'subscribe' | 'clear'>;

/** A server's prompts and resources, as the UI uses them. */
export interface McpContentServices {
  /** Lists a connected server's resources and templates (every page). */
  resources(serverId: string): Promise<ServerResources>;
  /** Reads a resource's text (binary contents described, long text cut). */
  read(serverId: string, uri: string): Promise<string>;
  /** Fills a template's variables into a URI (RFC 6570, as the MCP SDK expands them). */
  expand(uriTemplate: string, values: Record<string, string>): Promise<string>;
  /** The composer's attachments: reading on attach, re-read when the server says the resource changed. */
  attachments(): Promise<ResourceAttachmentList>;
  /** Every connected server's prompts as slash commands. */
  slashCommands(): Promise<SlashCommand[]>;
  /** Fills a prompt on its server; resolves to the text it puts into the message box. */
  usePrompt(command: SlashCommand, args: Record<string, string>): Promise<string>;
}

/** `McpContentServices` plus what a run needs: the attached resources of its message as context. */
export interface McpContent extends McpContentServices {
  /**
   * Reads the resources attached to a message as its run is prepared, and hands them to the turn as
   * untrusted, citable sections. A resource that cannot be read fails the run with an error naming
   * it (rather than the message going out without what the person attached).
   */
  readAttached(resources: readonly AttachedResourceRef[]): Promise<ContextProvider>;
}

/** The content services over the tool library's (lazily loaded) server manager. */
export function createMcpContent(manager: () => Promise<McpServerManager>): McpContent {
  let attachments: Promise<ResourceAttachments> | undefined;
  const read = async (serverId: string, uri: string, signal?: AbortSignal): Promise<string> => {
    const connection = await (await manager()).connection(serverId);
    return resourceText(await connection.readResource(uri, signal));
  };
  return {
    async resources(serverId) {
      const connection = await (await manager()).connection(serverId);
      const [resources, templates, { UriTemplate }] = await Promise.all([
        connection.listResources(),
        connection.listResourceTemplates(),
        import('@modelcontextprotocol/sdk/shared/uriTemplate.js'),
      ]);
      return {
        resources: resources.map(({ uri, name, mimeType, description }) => ({ uri, name, ...(mimeType ? { mimeType } : {}), ...(description ? { description } : {}) })),
        templates: templates.map(({ uriTemplate, name, mimeType, description }) => ({
          uriTemplate,
          name,
          ...(mimeType ? { mimeType } : {}),
          ...(description ? { description } : {}),
          variables: variablesOf(UriTemplate, uriTemplate),
        })),
      };
    },
    read: (serverId, uri) => read(serverId, uri),
    async expand(uriTemplate, values) {
      const { UriTemplate } = await import('@modelcontextprotocol/sdk/shared/uriTemplate.js');
      try {
        return new UriTemplate(uriTemplate).expand(values);
      } catch (error) {
        throw new TabagentError('invalid-arguments', `The resource template ${uriTemplate} could not be filled in: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    attachments() {
      attachments ??= manager().then((created) => new ResourceAttachments(created));
      return attachments;
    },
    async slashCommands() {
      return listSlashCommands(await manager());
    },
    async usePrompt(command, args) {
      return usePrompt(await manager(), command, args);
    },
    async readAttached(resources) {
      const sections = await Promise.all(
        resources.map(async (resource) => {
          try {
            const attached: AttachedResource = { ...resource, text: await read(resource.serverId, resource.uri) };
            return resourceSection(attached);
          } catch (error) {
            throw new TabagentError(
              'tool-failed',
              `The attached resource ${resource.name} (${resource.uri}) could not be read from ${resource.serverName}: ${error instanceof Error ? error.message : String(error)}. Connect the server on the Tools page, or remove the resource and send again.`,
              { cause: error },
            );
          }
        }),
      );
      return () => Promise.resolve(sections);
    },
  };
}

/** A template's variable names; a template the SDK cannot parse has none (the form then asks nothing). */
function variablesOf(Template: typeof import('@modelcontextprotocol/sdk/shared/uriTemplate.js').UriTemplate, uriTemplate: string): string[] {
  try {
    return new Template(uriTemplate).variableNames;
  } catch {
    return [];
  }
}
