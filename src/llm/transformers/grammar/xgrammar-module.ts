/**
 * Loads XGrammar (`@mlc-ai/web-xgrammar`, the grammar engine web-llm uses) on first use. Its WASM
 * is inlined in the package's JavaScript, so the bundle that imports it serves it from our own
 * origin: no CDN, nothing fetched at run time.
 */
import type * as XGrammar from '@mlc-ai/web-xgrammar';
import { TabagentError } from '../../../core/errors';

/** The parts of XGrammar the transformers.js engine uses. */
export type XGrammarModule = Pick<typeof XGrammar, 'TokenizerInfo' | 'GrammarCompiler' | 'GrammarMatcher'>;

/** Supplies XGrammar; engines take one so that Node tests can load the package their own way. */
export type LoadXGrammar = () => Promise<XGrammarModule>;

/**
 * The bundler's import of XGrammar. The package is a UMD bundle under `"type": "module"`; Vite's
 * pre-bundling and build read it as the CommonJS it is, and the named exports then appear either
 * on the namespace or on its `default`. Plain Node cannot import it at all (it says `require` in
 * an ES module): there, pass a loader to the engine instead.
 */
export const importXGrammar: LoadXGrammar = async () => {
  let namespace: Partial<XGrammarModule> & { default?: Partial<XGrammarModule> };
  try {
    namespace = (await import('@mlc-ai/web-xgrammar')) as typeof namespace;
  } catch (error) {
    throw unavailable(error);
  }
  const module = namespace.GrammarMatcher !== undefined ? namespace : namespace.default;
  if (module?.TokenizerInfo === undefined || module.GrammarCompiler === undefined || module.GrammarMatcher === undefined) {
    throw unavailable(new Error('@mlc-ai/web-xgrammar loaded without TokenizerInfo, GrammarCompiler and GrammarMatcher'));
  }
  return { TokenizerInfo: module.TokenizerInfo, GrammarCompiler: module.GrammarCompiler, GrammarMatcher: module.GrammarMatcher };
};

function unavailable(cause: unknown): TabagentError {
  return new TabagentError('internal', 'Constrained tool calls are unavailable: the grammar engine (XGrammar) could not be loaded. Reload the page; if it keeps failing, choose a tool format other than Hermes in the engine settings.', {
    data: { detail: cause instanceof Error ? cause.message : String(cause) },
    cause,
  });
}
