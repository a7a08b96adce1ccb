import type { OpenApiAuthKind } from './security';

/** HTTP methods an OpenAPI path item may hold. */
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** How a parameter's value is written (OpenAPI `style`; `json` for parameters given as `content`; `tabDelimited` for Swagger's `tsv`). */
export type ParameterStyle = 'simple' | 'label' | 'matrix' | 'form' | 'spaceDelimited' | 'pipeDelimited' | 'tabDelimited' | 'deepObject' | 'json';

/** One path, query or header parameter: which argument fills it and how it is written. */
export interface ParameterBinding {
  /** The argument's name in the tool's schema. */
  argument: string;
  /** The parameter's name in the request. */
  name: string;
  in: 'path' | 'query' | 'header';
  style: ParameterStyle;
  explode: boolean;
  /** Query only: leave reserved characters (`:/?#[]@!$&'()*+,;=`) unencoded. */
  allowReserved?: boolean;
}

/** The request body: one argument holding it all, or top-level arguments gathered into an object. */
export type BodyBinding =
  | { mode: 'whole'; argument: string; contentType: string; required: boolean }
  | { mode: 'spread'; properties: Array<{ argument: string; name: string }>; contentType: string; required: boolean };

/** One credential of an operation, filled from a secret at call time. */
export interface SecurityBinding {
  /** The scheme's name in the document. */
  scheme: string;
  kind: OpenApiAuthKind;
  in: 'header' | 'query';
  /** Header or query parameter name. */
  parameter: string;
  /** The secret holding the value (for `basic`: base64 of `user:password`); without it the scheme is not used. */
  secretId?: string;
}

/**
 * Everything needed to turn a call's arguments into the HTTP request of one OpenAPI operation.
 * Plain JSON data with no secret values, so it is stored beside the tool's manifest and the tool
 * is rebuilt from it after a reload.
 */
export interface OpenApiBinding {
  method: HttpMethod;
  /** The path template, like `/pet/{petId}`. */
  path: string;
  /** Absolute base URL without a trailing slash; its origin is the only one the tool reaches. */
  serverUrl: string;
  operationId?: string;
  parameters: ParameterBinding[];
  body?: BodyBinding;
  /** Ways to authenticate, in order of preference; an empty alternative needs no credentials. */
  security: SecurityBinding[][];
}
