/**
 * Grammar-constrained decoding for one loaded model: the vocabulary is read into XGrammar once
 * (on the first constrained request, so a model never asked for a grammar never loads XGrammar),
 * and each grammar is compiled once and kept for the next request with the same tools.
 */
import { LogitsProcessorList } from '@huggingface/transformers';
import type { CompiledGrammar, GrammarCompiler, TokenizerInfo } from '@mlc-ai/web-xgrammar';
import { TabagentError } from '../../../core/errors';
import type { ChatRequest } from '../../../core/types';
import { GrammarLogitsProcessor } from './logits-processor';
import { syncTokenMatcher } from './token-matcher';
import { grammarVocabulary, type VocabularySource } from './vocabulary';
import type { LoadXGrammar, XGrammarModule } from './xgrammar-module';

/** Compiled grammars kept per model; an agent run uses one, a new tool set adds one. */
const DEFAULT_CACHE_SIZE = 8;

/** The constraint of one request: pass `processors` to `generate`, then dispose. */
export interface GrammarConstraint {
  processors: LogitsProcessorList;
  dispose(): void;
}

/** Grammar support of one loaded model. */
export interface GrammarSupport {
  /** The constraint for `request.responseFormat`, or undefined when the request has none. */
  constrain(request: Pick<ChatRequest, 'responseFormat'>): Promise<GrammarConstraint | undefined>;
  /** Frees XGrammar's memory for this model (on unload). */
  dispose(): void;
}

/** The model parts read here: its tokenizer, its head's width and its end-of-turn ids. */
export interface GrammarModel {
  tokenizer: VocabularySource;
  /** Logits per step (config.vocab_size); may exceed the tokenizer's vocabulary. */
  vocabSize: number;
  endIds: ReadonlySet<bigint>;
}

interface Compiler {
  xgrammar: XGrammarModule;
  info: TokenizerInfo;
  compiler: GrammarCompiler;
}

/** Creates the grammar support of `model`; nothing is loaded until the first constrained request. */
export function createGrammarSupport(model: GrammarModel, loadXGrammar: LoadXGrammar, cacheSize = DEFAULT_CACHE_SIZE): GrammarSupport {
  let compilerPromise: Promise<Compiler> | undefined;
  const compiled = new Map<string, Promise<CompiledGrammar>>();
  let disposed = false;

  function compilerFor(): Promise<Compiler> {
    compilerPromise ??= (async () => {
      const xgrammar = await loadXGrammar();
      const vocabulary = grammarVocabulary(model.tokenizer);
      const stopIds = [...model.endIds].map(Number);
      const info = await xgrammar.TokenizerInfo.createTokenizerInfo(
        vocabulary.encodedVocab,
        vocabulary.vocabType,
        vocabulary.prependSpace,
        Math.max(model.vocabSize, vocabulary.encodedVocab.length),
        stopIds,
      );
      // Our own bounded cache below keeps compiled grammars; XGrammar's would grow without bound.
      const compiler = await xgrammar.GrammarCompiler.createGrammarCompiler(info, false);
      return { xgrammar, info, compiler };
    })();
    // A failed start (XGrammar not loadable) is tried again by the next request.
    compilerPromise.catch(() => {
      compilerPromise = undefined;
    });
    return compilerPromise;
  }

  function compile(format: NonNullable<ChatRequest['responseFormat']>): Promise<CompiledGrammar> {
    const key = format.type === 'grammar' ? `grammar\n${format.grammar}` : `json-schema\n${JSON.stringify(format.schema)}`;
    const cached = compiled.get(key);
    if (cached !== undefined) {
      // Most recently used last: eviction takes the first.
      compiled.delete(key);
      compiled.set(key, cached);
      return cached;
    }
    const promise = (async () => {
      const { compiler } = await compilerFor();
      try {
        return format.type === 'grammar' ? await compiler.compileGrammar(format.grammar) : await compiler.compileJSONSchema(JSON.stringify(format.schema));
      } catch (error) {
        throw new TabagentError('bad-request', 'The output constraint could not be compiled, so the request was not run. Check the tools\u2019 parameter schemas.', {
          data: { format: format.type, detail: error instanceof Error ? error.message : String(error) },
          cause: error,
        });
      }
    })();
    compiled.set(key, promise);
    promise.catch(() => compiled.delete(key));
    for (const [oldKey, old] of compiled) {
      if (compiled.size <= cacheSize) break;
      compiled.delete(oldKey);
      void old.then((grammar) => grammar.dispose(), () => undefined);
    }
    return promise;
  }

  return {
    async constrain({ responseFormat }) {
      if (responseFormat === undefined) return undefined;
      if (disposed) throw new TabagentError('config', 'The model is not loaded yet. Load it before chatting.');
      const grammar = await compile(responseFormat);
      const { xgrammar, info } = await compilerFor();
      // The matcher keeps its own reference to the compiled grammar; the cached one stays ours.
      const matcher = await xgrammar.GrammarMatcher.createGrammarMatcher(grammar);
      const processors = new LogitsProcessorList();
      processors.push(new GrammarLogitsProcessor(syncTokenMatcher(matcher, info.getVocabSize())));
      let released = false;
      return {
        processors,
        dispose() {
          if (released) return;
          released = true;
          matcher.dispose();
        },
      };
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      for (const grammar of compiled.values()) void grammar.then((value) => value.dispose(), () => undefined);
      compiled.clear();
      void compilerPromise?.then(
        ({ compiler, info }) => {
          compiler.dispose();
          info.dispose();
        },
        () => undefined,
      );
    },
  };
}
