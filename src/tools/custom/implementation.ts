import type { JsonSchema } from '../../core/types';

/** Methods an HTTP template may use. */
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Methods whose requests may carry a body. */
export const BODY_METHODS: ReadonlySet<HttpMethod> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * An HTTP request template. `{name}` stands for the argument `name` (in the URL's path and
 * query, header values and the body); `{{secret:ID}}` for a stored secret (header values only:
 * never in a URL, which ends up in logs). The URL's origin is fixed: no placeholders before the path.
 */
export interface HttpImplementation {
  type: 'http';
  method: HttpMethod;
  /** E.g. `https://api.example.com/v1/weather/{city}?units={units}`. */
  url: string;
  /** Header name → value template. */
  headers?: Record<string, string>;
  /** A JSON document in which a string that is exactly `"{name}"` becomes the argument's value (any JSON type). */
  body?: string;
}

/** JavaScript run in the sandbox; the code sees the call's arguments as `args`. */
export interface JavaScriptImplementation {
  type: 'javascript';
  code: string;
}

/** How a custom tool runs: the part of its manifest that makes the file a complete, portable tool. */
export type CustomImplementation = HttpImplementation | JavaScriptImplementation;

/** The tool kind each implementation type must be declared with. */
export const KIND_OF_IMPLEMENTATION = { http: 'http', javascript: 'sandbox' } as const;

/** JSON Schema of the manifest's `implementation` field (checks beyond shape: `implementationProblems`). */
export const customImplementationSchema: JsonSchema = {
  type: 'object',
  required: ['type'],
  properties: { type: { enum: ['http', 'javascript'] } },
  allOf: [
    {
      if: { properties: { type: { const: 'http' } } },
      then: {
        additionalProperties: false,
        required: ['type', 'method', 'url'],
        properties: {
          type: { const: 'http' },
          method: { enum: [...HTTP_METHODS] },
          url: { type: 'string', minLength: 1, maxLength: 4096 },
          headers: { type: 'object', maxProperties: 64, additionalProperties: { type: 'string', maxLength: 8192 } },
          body: { type: 'string', maxLength: 65536 },
        },
      },
    },
    {
      if: { properties: { type: { const: 'javascript' } } },
      then: {
        additionalProperties: false,
        required: ['type', 'code'],
        properties: { type: { const: 'javascript' }, code: { type: 'string', minLength: 1, maxLength: 100000 } },
      },
    },
  ],
};
