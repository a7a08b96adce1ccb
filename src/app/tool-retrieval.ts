import type { AgentDefinition } from '../core/agent-definition';
import type { SelectTools } from '../core/agent/turn-context';
import { ToolSelector, type SearchableTool } from '../retrieval';
import type { EmbeddingService } from './embedding/embedding-service';

/** Finds a tool's full manifest (examples included) by name. */
export type DescribeTool = (name: string) => SearchableTool | undefined;

/** What one run's tool retrieval follows: the agent's pins and how many tools a turn holds. */
export type ToolRetrievalChoice = Required<Pick<AgentDefinition, 'pinnedTools' | 'toolsPerTurn'>>;

/**
 * Tool retrieval as the app runs it: one ToolSelector for the session (its indexes are kept and
 * updated incrementally as tools change), BM25 always, dense vectors whenever the shared
 * embedding model is loaded (never downloading it here). k and pins are the run's agent's.
 */
export function createToolRetrieval(describe: DescribeTool, embedding?: EmbeddingService): (choice: ToolRetrievalChoice) => SelectTools {
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
  return (choice) => async (query, tools) => {
    const described = tools.map((tool) => describe(tool.name) ?? tool);
    return selector.select(query.text, described, query.signal, { k: choice.toolsPerTurn, pinned: choice.pinnedTools });
  };
}
