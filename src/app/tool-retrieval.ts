import type { AgentDefinition } from '../core/agent-definition';
import type { SelectTools } from '../core/agent/turn-context';
import type { SearchableTool, ToolSelector } from '../retrieval';
import type { EmbeddingService } from './embedding/embedding-service';

/** Finds a tool's full manifest (examples included) by name. */
export type DescribeTool = (name: string) => SearchableTool | undefined;

/** What one run's tool retrieval follows: the agent's pins and how many tools a turn holds. */
export type ToolRetrievalChoice = Required<Pick<AgentDefinition, 'pinnedTools' | 'toolsPerTurn'>>;

/**
 * Tool retrieval as the app runs it: one ToolSelector for the session (its indexes are kept and
 * updated incrementally as tools change), BM25 always, dense vectors whenever the shared
 * embedding model is loaded (never downloading it here). k and pins are the run's agent's.
 * The selector and the retrieval code (indexes, BM25, WASM kernels) are loaded by the first turn,
 * not with the app: the first screen never searches tools.
 */
export function createToolRetrieval(describe: DescribeTool, embedding?: EmbeddingService): (choice: ToolRetrievalChoice) => SelectTools {
  let selector: Promise<ToolSelector> | undefined;
  const loadSelector = (): Promise<ToolSelector> => {
    if (selector) return selector;
    const loading = import('../retrieval').then((retrieval) => createSelector(retrieval.ToolSelector, embedding));
    // A failed chunk load (offline before the service worker cached it) is tried again next turn.
    loading.catch(() => {
      if (selector === loading) selector = undefined;
    });
    selector = loading;
    return loading;
  };
  return (choice) => async (query, tools) => {
    const described = tools.map((tool) => describe(tool.name) ?? tool);
    return (await loadSelector()).select(query.parts, described, query.signal, { k: choice.toolsPerTurn, pinned: choice.pinnedTools });
  };
}

/** The session's selector: dense vectors through the shared embedding model when one is loaded. */
function createSelector(Selector: typeof ToolSelector, embedding: EmbeddingService | undefined): ToolSelector {
  return new Selector({
    ...(embedding
      ? {
          embed: async (texts, kind, signal) => {
            const embedder = embedding.current();
            if (!embedder) throw new Error('The embedding model is not loaded.');
            return embedder.embed(texts, kind, signal);
          },
          embedderId: () => embedding.current()?.id ?? '',
        }
      : {}),
  });
}
