import { t as agentsMessages } from '../agents/messages';
import { t as evalMessages } from '../eval/messages';
import { t as knowledgeMessages } from '../knowledge/messages';
import { t as memoryMessages } from '../memory/messages';
import { t as networkMessages } from '../network/messages';
import { t as toolsMessages } from '../tools/messages';
import { lazyPage } from './lazy-page';
import type { PageDefinition } from './page-context';

/**
 * The pages besides the chat, in navigation order. Each feature adds one entry pointing at its
 * own folder; the chat itself is built into the app shell.
 * Import a page's component only through `lazyPage(() => import(...))`: a static import would put
 * the page and everything it uses into the start-up JavaScript (tests/unit/ui/lazy-pages.test.ts).
 */
export const pages: readonly PageDefinition[] = [
  { id: 'agents', label: () => agentsMessages('nav'), render: lazyPage(() => import('../agents/agents-page').then((module) => module.AgentsPage)) },
  { id: 'eval', label: () => evalMessages('nav'), render: lazyPage(() => import('../eval/eval-page').then((module) => module.EvalPage)) },
  { id: 'tools', label: () => toolsMessages('nav'), render: lazyPage(() => import('../tools/tools-page').then((module) => module.ToolsPage)) },
  { id: 'network', label: () => networkMessages('nav'), render: lazyPage(() => import('../network/network-page').then((module) => module.NetworkPage)) },
  { id: 'memory', label: () => memoryMessages('nav'), render: lazyPage(() => import('../memory/memory-page').then((module) => module.MemoryPage)) },
  { id: 'knowledge', label: () => knowledgeMessages('nav'), render: lazyPage(() => import('../knowledge/knowledge-page').then((module) => module.KnowledgePage)) },
];
