/**
 * One validation error: where in the data (`instancePath`), which keyword of which schema
 * (`schemaPath`), the keyword's details and a short message (the shape and wording Ajv used).
 */
export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message: string;
}

/** One validation error turned into words: where (a JSON pointer into the data) and what is wrong. */
export interface ErrorDescription {
  /** JSON pointer of the offending value; for a missing or unexpected property, of that property. */
  pointer: string;
  /** Pointer of the object holding a missing or unexpected property; otherwise `pointer`. */
  parentPointer: string;
  /** Set for `required` and `additionalProperties` errors. */
  property?: string;
  keyword: string;
  reason: string;
}

const COMBINATORS = new Set(['anyOf', 'oneOf']);
const MAX_LISTED_VALUES = 12;

/** Shows a value compactly, so one huge enum cannot flood a message. */
function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Lists allowed values, shortened when there are many. */
function listValues(values: unknown[]): string {
  const shown = values.slice(0, MAX_LISTED_VALUES).map(show).join(', ');
  return values.length > MAX_LISTED_VALUES ? `${shown}, ... (${values.length} values)` : shown;
}

/** Escapes a property name for use as one JSON pointer segment. */
function pointerSegment(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Describes one validation error in words a person (or a model) can act on. */
export function describeError(error: SchemaError): ErrorDescription {
  const params = error.params;
  const base = { pointer: error.instancePath, parentPointer: error.instancePath, keyword: error.keyword };
  switch (error.keyword) {
    case 'required': {
      const property = String(params.missingProperty);
      return { ...base, pointer: `${error.instancePath}/${pointerSegment(property)}`, property, reason: `missing required property ${show(property)}` };
    }
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      return { ...base, pointer: `${error.instancePath}/${pointerSegment(property)}`, property, reason: `unexpected property ${show(property)}` };
    }
    case 'enum':
      return { ...base, reason: `must be one of ${listValues(Array.isArray(params.allowedValues) ? params.allowedValues : [])}` };
    case 'const':
      return { ...base, reason: `must be ${show(params.allowedValue)}` };
    default:
      return { ...base, reason: error.message || `fails "${error.keyword}"` };
  }
}

/**
 * Whether `error` came from a branch of `combinator`. Ajv reports a failed `anyOf`/`oneOf` right
 * after its branches' errors. A branch error's schema path lies under the combinator's, unless
 * the branch went through a `$ref`, in which case it lies outside the schema holding the
 * combinator altogether; a sibling keyword of the combinator (`type` next to `anyOf`) is neither.
 */
function isBranchOf(error: SchemaError, combinator: SchemaError): boolean {
  if (!error.instancePath.startsWith(combinator.instancePath)) return false;
  if (error.schemaPath.startsWith(`${combinator.schemaPath}/`)) return true;
  const holder = combinator.schemaPath.slice(0, combinator.schemaPath.lastIndexOf('/'));
  return !error.schemaPath.startsWith(`${holder}/`);
}

/**
 * Groups Ajv's errors so that the branches of an `anyOf`/`oneOf` read as alternatives
 * ("must be string or must be number") rather than as several demands that all apply, and the
 * combinator's own summary ("must match a schema in anyOf") is dropped when its branches say more.
 */
export function groupErrors(allErrors: readonly SchemaError[]): ErrorDescription[] {
  // Ajv follows a failed `then`/`else` branch with a bare 'must match "then" schema': the
  // branch's own errors already say what is wrong.
  const errors = allErrors.filter((error) => error.keyword !== 'if');
  const owner = new Map<number, number>();
  const branchesOf = new Map<number, SchemaError[]>();
  // Outermost combinators last in Ajv's order, so walk backwards and let them claim first.
  for (let index = errors.length - 1; index >= 0; index--) {
    const combinator = errors[index];
    if (!combinator || !COMBINATORS.has(combinator.keyword) || owner.has(index)) continue;
    const branches: SchemaError[] = [];
    for (let before = index - 1; before >= 0; before--) {
      const error = errors[before];
      if (!error || owner.has(before) || !isBranchOf(error, combinator)) break;
      owner.set(before, index);
      branches.unshift(error);
    }
    branchesOf.set(index, branches);
  }
  const described: ErrorDescription[] = [];
  errors.forEach((error, index) => {
    if (owner.has(index)) return;
    const branches = (branchesOf.get(index) ?? []).filter((branch) => !COMBINATORS.has(branch.keyword));
    if (branches.length === 0) {
      described.push(describeError(error));
      return;
    }
    const reasons = [...new Set(branches.map((branch) => describeBranch(branch, error.instancePath)))];
    described.push({ ...describeError(error), reason: reasons.join(' or ') });
  });
  return dedupe(described);
}

/** A branch's reason, prefixed with its own location when it is deeper than the combinator. */
function describeBranch(error: SchemaError, combinatorPointer: string): string {
  const description = describeError(error);
  if (description.parentPointer === combinatorPointer) return description.reason;
  return `${description.parentPointer.slice(combinatorPointer.length)} ${description.reason}`;
}

function dedupe(descriptions: ErrorDescription[]): ErrorDescription[] {
  const seen = new Set<string>();
  return descriptions.filter((description) => {
    const key = `${description.parentPointer}\u0000${description.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Turns a JSON pointer into a dotted field path: `/parameters/properties/x` → `parameters.properties.x`. */
export function pointerToFieldPath(pointer: string, prefix = ''): string {
  const segments = pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  let path = prefix;
  for (const segment of segments) {
    if (/^\d+$/.test(segment)) path += `[${segment}]`;
    else path += path === '' ? segment : `.${segment}`;
  }
  return path;
}

/** Joins messages, keeping at most `limit` so a badly broken input stays readable. */
export function joinLimited(messages: readonly string[], limit = 8): string {
  const shown = messages.slice(0, limit).join('; ');
  return messages.length > limit ? `${shown}; and ${messages.length - limit} more` : shown;
}
