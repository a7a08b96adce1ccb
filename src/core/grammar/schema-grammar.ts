import { alternatives, literal, type RuleSet } from './ebnf';
import { JSON_RULE } from './json-rules';
import { resolveRef, schemaNode, type ObjectNode } from './schema-model';

/** Deeper nesting than this becomes any JSON value: it bounds the grammar a hostile schema can cause. */
const MAX_DEPTH = 32;

const WS = JSON_RULE.ws;
const SEP = `${WS} "," ${WS}`;

/** The EBNF of one exact JSON value (an enum or const member), with JSON's whitespace allowed. */
export function valueExpression(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return `"[" ${WS} "]"`;
    return `"[" ${WS} ${value.map(valueExpression).join(` ${SEP} `)} ${WS} "]"`;
  }
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([key, item]) => `${literal(JSON.stringify(key))} ${WS} ":" ${WS} ${valueExpression(item)}`);
    if (members.length === 0) return `"{" ${WS} "}"`;
    return `"{" ${WS} ${members.join(` ${SEP} `)} ${WS} "}"`;
  }
  // JSON.stringify gives the canonical text (undefined, functions and symbols cannot come from JSON).
  return literal(JSON.stringify(value) ?? 'null');
}

/**
 * Writes the rules for the schemas of one tool into a shared {@link RuleSet}. `root` is the tool's
 * parameters schema, against which local `$ref`s resolve; each resolved ref becomes one rule, so
 * recursive schemas give recursive rules.
 */
export class SchemaGrammar {
  private readonly refRules = new Map<string, string>();

  constructor(
    private readonly rules: RuleSet,
    private readonly root: unknown,
    /** Prefix of this tool's rule names (keeps grammars readable when debugging). */
    private readonly prefix: string,
  ) {}

  /** An EBNF expression (usually one rule name) matching the JSON instances of `schema`. */
  expression(schema: unknown, depth = 0): string {
    if (depth > MAX_DEPTH) return JSON_RULE.value;
    const node = schemaNode(schema);
    switch (node.kind) {
      case 'any':
        return JSON_RULE.value;
      case 'ref':
        return this.ref(node.ref, depth);
      case 'literal':
        return alternatives(node.values.map(valueExpression));
      case 'union':
        return alternatives(node.options.map((option) => this.expression(option, depth + 1)));
      case 'string':
      case 'number':
      case 'integer':
      case 'boolean':
      case 'null':
        return JSON_RULE[node.kind];
      case 'array':
        return this.array(node.prefixItems, node.items, node.minItems, depth);
      case 'object':
        return this.object(node, depth);
    }
  }

  private ref(ref: string, depth: number): string {
    const target = resolveRef(this.root, ref);
    if (!target) return JSON_RULE.value;
    const known = this.refRules.get(target.id);
    if (known) return known;
    const name = this.rules.reserve(`${this.prefix}_def`);
    this.refRules.set(target.id, name);
    this.rules.define(name, this.expression(target.schema, depth + 1));
    return name;
  }

  private array(prefixItems: unknown[], items: unknown, minItems: number, depth: number): string {
    const item = items === false ? undefined : this.expression(items, depth + 1);
    const body: string[] = ['"["', WS];
    if (prefixItems.length > 0) {
      // Every prefix item is required: the model fills the tuple rather than stopping short.
      body.push(prefixItems.map((prefix) => this.expression(prefix, depth + 1)).join(` ${SEP} `));
      if (item) body.push(`(${SEP} ${item})*`);
      body.push(WS, '"]"');
    } else if (!item) {
      body.push('"]"');
    } else if (minItems === 0) {
      body.push(`(${item} (${SEP} ${item})* ${WS})? "]"`);
    } else {
      body.push(item, ...Array.from({ length: minItems - 1 }, () => `${SEP} ${item}`), `(${SEP} ${item})*`, WS, '"]"');
    }
    return this.rules.add(`${this.prefix}_array`, body.join(' '));
  }

  private object(node: ObjectNode, depth: number): string {
    if (node.properties.length === 0) return this.map(node.additional, depth);
    const member = (name: string, schema: unknown): string => `${literal(JSON.stringify(name))} ${WS} ":" ${WS} ${this.expression(schema, depth + 1)}`;
    const required = node.properties.filter((property) => property.required);
    const optional = node.properties.filter((property) => !property.required);
    let inner: string;
    if (required.length > 0) {
      // Required members in order, then each optional one, each behind its own comma.
      inner = [
        required.map((property) => member(property.name, property.schema)).join(` ${SEP} `),
        ...optional.map((property) => `(${SEP} ${member(property.name, property.schema)})?`),
      ].join(' ');
      return this.rules.add(`${this.prefix}_object`, `"{" ${WS} ${inner} ${WS} "}"`);
    }
    // All optional: any in-order subset. rest_i = (", " member_i)? rest_{i+1} keeps this linear.
    const members = optional.map((property) => member(property.name, property.schema));
    const rests: string[] = [];
    let next = '';
    for (let i = members.length - 1; i >= 1; i--) {
      const rest = this.rules.add(`${this.prefix}_rest`, `(${SEP} ${members[i] ?? ''})?${next ? ` ${next}` : ''}`);
      rests[i] = rest;
      next = rest;
    }
    const starts = members.map((text, i) => (rests[i + 1] ? `${text} ${rests[i + 1]}` : text));
    return this.rules.add(`${this.prefix}_object`, `"{" ${WS} (${alternatives(starts)} ${WS})? "}"`);
  }

  private map(additional: unknown, depth: number): string {
    if (additional === false) return this.rules.add(`${this.prefix}_object`, `"{" ${WS} "}"`);
    if (additional === true || schemaNode(additional).kind === 'any') return JSON_RULE.object;
    const value = this.expression(additional, depth + 1);
    const entry = `${JSON_RULE.string} ${WS} ":" ${WS} ${value}`;
    return this.rules.add(`${this.prefix}_map`, `"{" ${WS} (${entry} (${SEP} ${entry})* ${WS})? "}"`);
  }
}
