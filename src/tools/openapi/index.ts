/** OpenAPI import: OpenAPI 3.0 / 3.1 and Swagger 2.0 documents to tools that call the API. */
export { importOpenApi, importOpenApiTools, type OpenApiImport, type OpenApiImportOptions } from './import';
export { loadOpenApiDocument, openApiVersionOf, type OpenApiDocument, type OpenApiVersion } from './document';
export { createOpenApiImplementation, createOpenApiPreview, MAX_RESPONSE_CHARS, type OpenApiCallResult, type OpenApiRuntime } from './execute';
export { buildRequest, type BuiltRequest } from './request';
export { toJsonSchema } from './schema';
export { isOpenApiBinding } from './binding-check';
export type { OpenApiTool } from './operations';
export type { OpenApiSecurityScheme, OpenApiAuthKind } from './security';
export type { BodyBinding, HttpMethod, OpenApiBinding, ParameterBinding, ParameterStyle, SecurityBinding } from './binding';
