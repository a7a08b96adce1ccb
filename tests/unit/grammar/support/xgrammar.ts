import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type * as XGrammar from '@mlc-ai/web-xgrammar';

type XGrammarModule = typeof XGrammar;

const require = createRequire(import.meta.url);

let loaded: XGrammarModule | undefined;

/**
 * The real XGrammar (WASM, the same engine web-llm bundles). Its `lib/index.js` is a UMD bundle
 * that says `require` and `__filename` while its package claims to be ESM, so neither `import`
 * nor `require` can load it in Node; it is evaluated here as the CommonJS module it really is.
 * The WASM binary is inlined in that file. Nothing in node_modules is changed.
 */
export function xgrammar(): XGrammarModule {
  if (loaded) return loaded;
  const file = require.resolve('@mlc-ai/web-xgrammar');
  // Its one dynamic `import('module')` has no loader inside `new Function` under vitest; `require` does the same.
  const source = readFileSync(file, 'utf8').replaceAll("import('module')", "Promise.resolve(require('module'))");
  const module = { exports: {} as XGrammarModule };
  const factory = new Function('exports', 'require', 'module', '__filename', '__dirname', source) as (
    exports: XGrammarModule,
    req: NodeJS.Require,
    mod: { exports: XGrammarModule },
    filename: string,
    dir: string,
  ) => void;
  factory(module.exports, require, module, file, dirname(file));
  loaded = module.exports;
  return loaded;
}

/** A matcher for complete strings against one compiled grammar. */
export interface Acceptor {
  /** Whether `text` is a complete sentence of the grammar (the model could stop right after it). */
  accepts(text: string): boolean;
  dispose(): void;
}

// A two-token vocabulary is enough to compile: strings are fed by code point (`_acceptString`) and
// token 1 is the stop token, accepted only where the grammar may end.
const STOP = 1;
let compiler: Promise<XGrammar.GrammarCompiler> | undefined;

function grammarCompiler(): Promise<XGrammar.GrammarCompiler> {
  compiler ??= (async () => {
    const { TokenizerInfo, GrammarCompiler } = xgrammar();
    const info = await TokenizerInfo.createTokenizerInfo(['a', '</s>'], 'raw', false, 2, [STOP]);
    return GrammarCompiler.createGrammarCompiler(info);
  })();
  return compiler;
}

async function acceptor(compiled: XGrammar.CompiledGrammar): Promise<Acceptor> {
  const matcher = await xgrammar().GrammarMatcher.createGrammarMatcher(compiled);
  compiled.dispose();
  return {
    accepts(text) {
      matcher.reset();
      return matcher._acceptString(text) && matcher.acceptToken(STOP) && matcher.isTerminated();
    },
    dispose: () => matcher.dispose(),
  };
}

/**
 * Compiles an EBNF grammar the way web-llm does for `response_format: {type: 'grammar'}`
 * (`GrammarCompiler.compileGrammar(string)` → `GrammarMatcher`).
 */
export async function ebnfAcceptor(ebnf: string): Promise<Acceptor> {
  return acceptor(await (await grammarCompiler()).compileGrammar(ebnf));
}

/**
 * Compiles a JSON schema the way web-llm does for `response_format: {type: 'json_object', schema}`
 * (`compileJSONSchema(schema)` with its defaults: any whitespace, strict mode).
 */
export async function jsonSchemaAcceptor(schema: object): Promise<Acceptor> {
  return acceptor(await (await grammarCompiler()).compileJSONSchema(JSON.stringify(schema)));
}

/** XGrammar's own EBNF for a JSON schema (to show what it enforces). */
export async function jsonSchemaToEbnf(schema: object): Promise<string> {
  return xgrammar().Testings._jsonSchemaToEBNF(JSON.stringify(schema));
}
