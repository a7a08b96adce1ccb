/** Grammar-constrained decoding on transformers.js through XGrammar (the engine web-llm uses). */
export { createGrammarSupport, type GrammarConstraint, type GrammarModel, type GrammarSupport } from './grammar-support';
export { importXGrammar, type LoadXGrammar, type XGrammarModule } from './xgrammar-module';
export { nativeToolGrammar, type NativeToolFamily } from './native-grammar';
