import type { ImportKind, SourceImport } from './import-graph';

/**
 * The "may import" column of docs/architecture.md's Folders table, parsed, so the doc and the
 * boundary test cannot drift apart. A cell is a list separated by `,` or `;` of:
 * - `` `src/x` `` — values and types from that path (a folder or one module);
 * - `` `src/x` types `` — types only;
 * - `types from everywhere` — any type import;
 * - `everything except `src/x`` — values and types from anywhere but the paths named;
 * - `nothing` — no import outside the row's own folder.
 * A clause may start with a label (`pure helpers:`) that only explains it. A row's own folder is
 * always allowed.
 */
export interface LayerRule {
  /** The folder (or file) the row is about, as written in its first cell: `src/core`, `workers`. */
  path: string;
  /** Paths whose values (and types) may be imported. */
  values: string[];
  /** Paths whose types only may be imported. */
  types: string[];
  /** Any type import is fine. */
  typesFromEverywhere: boolean;
  /** When set, every path except these may be imported. */
  everythingExcept?: string[];
}

/** A table row that could not be read: the doc must be fixed, or the test would check nothing. */
export class LayerRuleSyntaxError extends Error {
  constructor(row: string, problem: string) {
    super(`docs/architecture.md, Folders table: ${problem} in row "${row}". See tests/unit/architecture/layer-rules.ts for the syntax.`);
    this.name = 'LayerRuleSyntaxError';
  }
}

const CODE = /`([^`]+)`/g;

function pathsIn(text: string): string[] {
  return [...text.matchAll(CODE)].map((match) => stripExtension(match[1]!.replace(/\/$/, '')));
}

function stripExtension(path: string): string {
  return path.replace(/\.(tsx?|jsx?)$/, '');
}

function parseCell(path: string, cell: string, row: string): LayerRule {
  const rule: LayerRule = { path: stripExtension(path), values: [], types: [], typesFromEverywhere: false };
  // "everything except `a`, `b`" owns the rest of its clause (up to a `;`).
  for (const clause of cell.split(';').map((part) => part.trim().replace(/^[a-z ]+:\s*/, '')).filter(Boolean)) {
    if (/^everything except\b/.test(clause)) {
      rule.everythingExcept = pathsIn(clause);
      continue;
    }
    for (const item of clause.split(',').map((part) => part.trim()).filter(Boolean)) {
      if (item === 'nothing') continue;
      if (item === 'types from everywhere') rule.typesFromEverywhere = true;
      else if (/^`[^`]+` types$/.test(item)) rule.types.push(...pathsIn(item));
      else if (/^`[^`]+`$/.test(item)) rule.values.push(...pathsIn(item));
      else throw new LayerRuleSyntaxError(row, `cannot read "${item}"`);
    }
  }
  return rule;
}

/**
 * Reads the rules from the markdown: the first table after the `## Folders` heading, whose first
 * column names the folder and whose column headed `may import` holds the rule.
 */
export function parseLayerRules(markdown: string): LayerRule[] {
  const section = /^## Folders\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(markdown)?.[1];
  if (section === undefined) throw new LayerRuleSyntaxError('## Folders', 'no such heading');
  const lines = section.split('\n').filter((line) => line.startsWith('|'));
  const cells = (line: string): string[] => line.slice(1, line.endsWith('|') ? -1 : undefined).split('|').map((cell) => cell.trim());
  const header = cells(lines[0] ?? '');
  const column = header.indexOf('may import');
  if (column < 0) throw new LayerRuleSyntaxError(lines[0] ?? '', 'no "may import" column');
  return lines.slice(2).map((line) => {
    const row = cells(line);
    const paths = pathsIn(row[0] ?? '');
    if (paths.length !== 1) throw new LayerRuleSyntaxError(line, 'the first cell must name exactly one `path`');
    return parseCell(paths[0]!, row[column] ?? '', line);
  });
}

/** `path` is `prefix` itself or inside it (`src/store` covers `src/store/db`, not `src/storefront`). */
export function within(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** The rule for a file: the row with the longest path that contains it. */
export function ruleFor(rules: readonly LayerRule[], file: string): LayerRule | undefined {
  const path = stripExtension(file);
  return rules.filter((rule) => within(path, rule.path)).sort((a, b) => b.path.length - a.path.length)[0];
}

/** Whether `rule` lets its folder import `target` with this kind. */
export function allows(rule: LayerRule, target: string, kind: ImportKind): boolean {
  if (within(target, rule.path)) return true;
  if (rule.values.some((path) => within(target, path))) return true;
  if (rule.everythingExcept && !rule.everythingExcept.some((path) => within(target, path))) return true;
  if (kind === 'type') return rule.typesFromEverywhere || rule.types.some((path) => within(target, path));
  return false;
}

/** One import the table forbids, as a line a person can act on. */
export function describeViolation(found: SourceImport): string {
  const hint = found.kind === 'value' ? ' (a value import; if only types are used, write `import type`)' : ' (a type import)';
  return `${found.from}:${found.line} imports '${found.specifier}' → ${found.target}${hint}`;
}

/** Every import in `imports` that the rule of its file forbids; files without a rule are reported too. */
export function violations(rules: readonly LayerRule[], imports: readonly SourceImport[]): string[] {
  return imports.flatMap((found) => {
    const rule = ruleFor(rules, found.from);
    if (!rule) return [`${found.from}: no row of the Folders table covers this file`];
    return allows(rule, found.target, found.kind) ? [] : [describeViolation(found)];
  });
}
