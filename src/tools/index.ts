/** The tool library: manifests, validation, registry, executor and built-in tools. */
export {
  isSafeToolName,
  manifestToJson,
  toDefinition,
  validateManifest,
  type SecretReference,
  type ToolExample,
  type ToolKind,
  type ToolManifest,
} from './manifest';
export { TOOL_KINDS, TOOL_NAME_PATTERN, toolManifestSchema } from './manifest-schema';
export { ArgumentValidator } from './validator';
export {
  ToolRegistry,
  allowedOriginsOf,
  type RegisterOptions,
  type RegisteredTool,
  type RegistryListener,
  type ToolContext,
  type ToolImplementation,
} from './registry';
export { createToolExecutor, type ToolExecutorOptions } from './executor';
export { guardFetch } from './origin-guard';
export { isHttpOrigin, originOf, toolGrants, type ToolGrant } from './origins';
export { builtinManifests, registerBuiltins, type BuiltinsConfig, type ModelApiConfig, type ModelApiConfigSource, type MemoryToolSource, type MemoryToolStore } from './builtins';
export { describeTime, createCurrentTime, type CurrentTime, type CurrentTimeOptions } from './builtins/current-time';
export { createModelApi, modelApiOrigins, type ModelApiChatResult, type ModelApiImageResult } from './builtins/model-api';
export { importOpenApi, loadMcpModule, loadOpenApiModule } from './openapi-entry';
export type { OpenApiBinding, OpenApiImport, OpenApiImportOptions, OpenApiSecurityScheme, OpenApiTool } from './openapi';
export type { McpServerConfig, McpServerStatus, McpServerStore, McpToolProgress } from './mcp';
export { sanitizeToolName, uniqueToolName } from './tool-names';
export { noSecrets, type ResolveSecret } from './secrets';
