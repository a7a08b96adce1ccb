import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Reads every relative import of the source tree with the TypeScript parser (not a regular
 * expression, so comments, strings and multi-line imports cannot hide one) and says whether it
 * brings in values or only types.
 */

/** `value`: the module is loaded at run time; `type`: erased by the compiler. */
export type ImportKind = 'value' | 'type';

/** One relative import of one file. */
export interface SourceImport {
  /** The importing file, relative to the repository root (`src/ui/app.tsx`). */
  from: string;
  /** The specifier as written (`../store`). */
  specifier: string;
  /** The imported path, relative to the repository root, without extension (`src/store`). */
  target: string;
  kind: ImportKind;
  line: number;
}

/** Every .ts/.tsx file under `directory` (recursively), as absolute paths. */
export function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * Under `verbatimModuleSyntax`, `import { type A } from 'x'` still emits `import {} from 'x'`, which
 * loads the module; only `import type` (or a clause that binds nothing but types and is itself
 * marked `type`) is erased. So an import is a type import only when the compiler drops it whole.
 */
function importDeclarationKind(node: ts.ImportDeclaration): ImportKind {
  return node.importClause?.isTypeOnly === true ? 'type' : 'value';
}

function exportDeclarationKind(node: ts.ExportDeclaration): ImportKind {
  return node.isTypeOnly ? 'type' : 'value';
}

/** One import of one file as written, relative or a package. */
export interface ModuleSpecifier {
  specifier: string;
  kind: ImportKind;
  line: number;
}

/** Every import of `text` (the code of `file`): static, re-exports, dynamic `import()` and `import('x').T` types. */
export function specifiersInText(file: string, text: string): ModuleSpecifier[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: ModuleSpecifier[] = [];
  const add = (specifierNode: ts.Node, kind: ImportKind): void => {
    if (!ts.isStringLiteralLike(specifierNode)) return;
    const line = source.getLineAndCharacterOfPosition(specifierNode.getStart()).line + 1;
    found.push({ specifier: specifierNode.text, kind, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, importDeclarationKind(node));
    else if (ts.isExportDeclaration(node) && node.moduleSpecifier) add(node.moduleSpecifier, exportDeclarationKind(node));
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal, 'type');
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node.arguments[0], 'value');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every import of one file, relative or a package. */
export function specifiersOf(file: string): ModuleSpecifier[] {
  return specifiersInText(file, readFileSync(file, 'utf8'));
}

/** Relative imports of one file, resolved against the repository root. */
export function importsOf(root: string, file: string): SourceImport[] {
  return importsInText(root, file, readFileSync(file, 'utf8'));
}

/** {@link importsOf} for source text that claims to live at `file` (so tests can feed made-up code). */
export function importsInText(root: string, file: string, text: string): SourceImport[] {
  return specifiersInText(file, text)
    .filter(({ specifier }) => specifier.startsWith('.'))
    .map(({ specifier, kind, line }) => ({
      from: relative(root, file),
      specifier,
      target: relative(root, resolve(dirname(file), specifier.replace(/\?.*$/, ''))).replace(/\.(tsx?|jsx?)$/, ''),
      kind,
      line,
    }));
}
