/** Custom tools: manifests that carry their own implementation (an HTTP template or sandboxed JavaScript). */
export {
  BODY_METHODS,
  HTTP_METHODS,
  KIND_OF_IMPLEMENTATION,
  customImplementationSchema,
  type CustomImplementation,
  type HttpImplementation,
  type HttpMethod,
  type JavaScriptImplementation,
} from './implementation';
export { buildBody, buildHeaders, buildHttpRequest, buildUrl, type BuiltHttpRequest } from './http-request';
export { implementationProblems } from './check-implementation';
export { argumentNames } from './template';
export { splitUrlTemplate } from './url-template';
export { createCustomTool, MAX_RESPONSE_CHARS, type CustomTool, type CustomToolRuntime, type HttpToolResult } from './custom-tool';
export { parseManifestFile, exportFileName, type ParsedManifestFile } from './manifest-file';
