import type { JsonSchema, ToolDefinition } from '../types';
import { resolveRef, schemaNode } from './schema-model';
import { argumentsSchema, uniqueTools } from './tools';

const MAX_DEPTH = 32;

/**
 * Rewrites one tool's parameters into the subset that XGrammar's JSON-schema converter handles
 * faithfully (see `schema-model.ts`). Local `$ref`s are renamed into the shared top-level `$defs`
 * (the tool schemas are nested under `anyOf`, so `#/$defs/x` would otherwise point elsewhere).
 */
class SchemaRewriter {
  private readonly refNames = new Map<string, string>();

  constructor(
    private readonly root: unknown,
    private readonly prefix: string,
    private readonly defs: Record<string, JsonSchema>,
  ) {}

  rewrite(schema: unknown, depth = 0): JsonSchema {
    if (depth > MAX_DEPTH) return {};
    const node = schemaNode(schema);
    switch (node.kind) {
      case 'any':
        return {};
      case 'ref':
        return this.ref(node.ref, depth);
      case 'literal':
        return node.values.length === 1 ? { const: node.values[0] } : { enum: node.values };
      case 'union':
        return { anyOf: node.options.map((option) => this.rewrite(option, depth + 1)) };
      case 'string':
      case 'number':
      case 'integer':
      case 'boolean':
      case 'null':
        return { type: node.kind };
      case 'array': {
        const out: JsonSchema = { type: 'array' };
        if (node.prefixItems.length > 0) {
          out.prefixItems = node.prefixItems.map((item) => this.rewrite(item, depth + 1));
          // The EBNF generator makes every prefix item required; say the same here.
          out.minItems = node.prefixItems.length;
        } else if (node.minItems > 0) {
          out.minItems = node.minItems;
        }
        if (node.items === false) out.items = false;
        else if (schemaNode(node.items).kind !== 'any') out.items = this.rewrite(node.items, depth + 1);
        return out;
      }
      case 'object': {
        if (node.properties.length === 0) {
          if (node.additional === false) return { type: 'object', additionalProperties: false };
          if (node.additional === true || schemaNode(node.additional).kind === 'any') return { type: 'object' };
          return { type: 'object', additionalProperties: this.rewrite(node.additional, depth + 1) };
        }
        // Required first, as in the EBNF grammar: XGrammar writes properties in declared order.
        const properties: JsonSchema = {};
        for (const property of node.properties) properties[property.name] = this.rewrite(property.schema, depth + 1);
        const required = node.properties.filter((property) => property.required).map((property) => property.name);
        const out: JsonSchema = { type: 'object', properties };
        if (required.length > 0) out.required = required;
        out.additionalProperties = false;
        return out;
      }
    }
  }

  private ref(ref: string, depth: number): JsonSchema {
    const target = resolveRef(this.root, ref);
    if (!target) return {};
    let name = this.refNames.get(target.id);
    if (name === undefined) {
      name = `${this.prefix}_${Object.keys(this.defs).length}`;
      this.refNames.set(target.id, name);
      this.defs[name] = {};
      this.defs[name] = this.rewrite(target.schema, depth + 1);
    }
    return { $ref: `#/$defs/${name}` };
  }
}

/**
 * A JSON schema whose instances are exactly `{"name": <a tool's name>, "arguments": <its
 * arguments>}`, for web-llm's `response_format: {type: 'json_object', schema: JSON.stringify(…)}`
 * (XGrammar's JSON-schema mode). One tool gives one object schema, several an `anyOf` with `name`
 * as a `const` in each branch. Arguments keep only what XGrammar enforces faithfully (see
 * `schema-model.ts`): `oneOf` becomes `anyOf`, `allOf` is merged, `pattern`, `format`, lengths
 * and numeric bounds are dropped, properties are listed required-first and no others are allowed.
 * Throws a RangeError for an empty tool list (no instance would be valid).
 */
export function toolCallJsonSchema(tools: readonly ToolDefinition[]): JsonSchema {
  const unique = uniqueTools(tools);
  if (unique.length === 0) throw new RangeError('toolCallJsonSchema: no tools, so no call would be valid');
  const defs: Record<string, JsonSchema> = {};
  const branches = unique.map((tool, index): JsonSchema => {
    const rewriter = new SchemaRewriter(tool.parameters, `t${index}`, defs);
    return {
      type: 'object',
      properties: { name: { const: tool.name }, arguments: rewriter.rewrite(argumentsSchema(tool.parameters)) },
      required: ['name', 'arguments'],
      additionalProperties: false,
    };
  });
  const schema: JsonSchema = branches.length === 1 && branches[0] ? { ...branches[0] } : { anyOf: branches };
  if (Object.keys(defs).length > 0) schema.$defs = defs;
  return schema;
}
