import type { SelectTools } from '../core/agent/turn-context';
import { ToolSelector, type SearchableTool } from '../retrieval';
import { DEFAULT_TOOLS_PER_TURN, type Settings } from '../store';
import type { EmbeddingService } from './embedding/embedding-service';

/** Finds a tool's full manifest (examples included) by name. */
export type DescribeTool = (name: string) => SearchableTool | undefined;

/**
 * Tool retrieval as the app runs it: one ToolSelector for the session (its indexes are kept and
 * updated incrementally as tools change), BM25 always, dense vectors whenever the shared
 * embedding model is loaded (never downloading it here). k and pins are read from the settings
 * the run started with.
 */
export function createToolRetrieval(describe: DescribeTool, embedding?: EmbeddingService): (settings: Settings) => SelectTools {
  const selector = new ToolSelector({
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
  return (settings) => async (query, tools) => {
    const described = tools.map((tool) => describe(tool.name) ?? tool);
    return selector.select(query.text, described, query.signal, {
      k: settings.toolsPerTurn ?? DEFAULT_TOOLS_PER_TURN,
      pinned: settings.pinnedTools ?? [],
    });
  };
}
