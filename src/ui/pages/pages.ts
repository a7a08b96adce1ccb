import { lazyPage } from './lazy-page';
import { t } from './messages';
import type { PageDefinition } from './page-context';

/**
 * The pages besides the chat, in navigation order. Each feature adds one entry pointing at its
 * own folder; the chat itself is built into the app shell.
 * Import a page's component only through `lazyPage(() => import(...))`: a static import would put
 * the page and everything it uses into the start-up JavaScript (tests/unit/ui/lazy-pages.test.ts).
 */
export const pages: readonly PageDefinition[] = [
  { id: 'agents', label: () => t('navAgents'), render: lazyPage(() => import('../agents/agents-page').then((module) => module.AgentsPage)) },
  { id: 'eval', label: () => t('navEval'), render: lazyPage(() => import('../eval/eval-page').then((module) => module.EvalPage)) },
  { id: 'tools', label: () => t('navTools'), render: lazyPage(() => import('../tools/tools-page').then((module) => module.ToolsPage)) },
  { id: 'network', label: () => t('navNetwork'), render: lazyPage(() => import('../network/network-page').then((module) => module.NetworkPage)) },
  { id: 'memory', label: () => t('navMemory'), render: lazyPage(() => import('../memory/memory-page').then((module) => module.MemoryPage)) },
  { id: 'knowledge', label: () => t('navKnowledge'), render: lazyPage(() => import('../knowledge/knowledge-page').then((module) => module.KnowledgePage)) },
];
