import type { ToolDefinition } from '../../../../src/core/types';

/** Tools whose parameters use every schema feature the grammar generators claim to handle. */
export const TOOLS: ToolDefinition[] = [
  {
    name: 'get_weather',
    description: 'Current weather',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string', description: 'City name' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer' },
      },
      required: ['city'],
    },
  },
  {
    // All optional, nested object, array of strings, boolean.
    name: 'search',
    description: 'Search the web',
    parameters: {
      type: 'object',
      properties: {
        query: { type: 'string' },
        limit: { type: 'integer' },
        filters: {
          type: 'object',
          properties: { lang: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
          required: ['lang'],
        },
        exact: { type: 'boolean' },
      },
    },
  },
  {
    // Required declared after optional ones: the grammar wants required ones first.
    name: 'calc',
    description: 'Arithmetic',
    parameters: {
      type: 'object',
      properties: {
        precision: { type: 'integer' },
        b: { type: 'number' },
        op: { enum: ['+', '-', '*', '/'] },
        a: { type: 'number' },
      },
      required: ['a', 'op', 'b'],
    },
  },
  {
    // anyOf of types, type arrays, nullable, oneOf, arrays of objects with minItems, dropped keywords.
    name: 'create_event',
    description: 'Calendar event',
    parameters: {
      type: 'object',
      properties: {
        title: { type: 'string', minLength: 1, maxLength: 80 },
        start: { type: 'string', format: 'date-time' },
        attendees: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            properties: { email: { type: 'string', pattern: '^[^@]+@[^@]+$' }, optional: { type: 'boolean' } },
            required: ['email'],
            additionalProperties: false,
          },
        },
        priority: { anyOf: [{ type: 'integer', minimum: 1, maximum: 5 }, { type: 'null' }] },
        location: { type: ['string', 'null'] },
        room: { type: 'string', nullable: true },
        reminder: { oneOf: [{ type: 'boolean' }, { type: 'number' }] },
      },
      required: ['title', 'start', 'attendees'],
    },
  },
  {
    // const, any value, a map, a tuple.
    name: 'set_config',
    description: 'Set a configuration value',
    parameters: {
      type: 'object',
      properties: {
        version: { const: 2 },
        key: { type: 'string' },
        value: {},
        weights: { type: 'object', additionalProperties: { type: 'number' } },
        point: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], items: false },
      },
      required: ['version', 'key', 'value'],
    },
  },
  {
    // Recursion through $defs, and an allOf to merge.
    name: 'make_tree',
    description: 'Build a tree',
    parameters: {
      type: 'object',
      properties: { root: { $ref: '#/$defs/node' }, meta: { allOf: [{ type: 'object', properties: { owner: { type: 'string' } }, required: ['owner'] }, { properties: { size: { type: 'integer' } } }] } },
      required: ['root'],
      $defs: {
        node: {
          type: 'object',
          properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } },
          required: ['label'],
        },
      },
    },
  },
  { name: 'no_args', description: 'Takes nothing', parameters: { type: 'object', properties: {} } },
  // A name that needs escaping in JSON and in EBNF.
  { name: 'ns.tool-name/"quoted"\\ü😀', description: 'Odd name', parameters: { type: 'object', properties: { x: { type: 'string' } }, required: ['x'] } },
];
