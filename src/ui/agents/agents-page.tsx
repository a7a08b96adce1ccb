import { createMemo, createSignal, createUniqueId, Match, Show, Switch } from 'solid-js';
import type { PageContext } from '../pages/page-context';
import { watchHash } from '../pages/route';
import { AgentEditor } from './agent-editor';
import { AgentList } from './agent-list';
import { agentsViewFromHash } from './agent-routes';
import { t } from './messages';
import './agents.css';

/** The Agents page (`#/agents`): the agents as cards, and each agent's editor (`#/agents/<id>`, `#/agents/new`). */
export function AgentsPage(props: { context: PageContext }) {
  const titleId = createUniqueId();
  const [hash, setHash] = createSignal(location.hash);
  watchHash(setHash);
  const view = createMemo(() => agentsViewFromHash(hash()), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  return (
    <section class="agents-page" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('title')}</h2>
      <Show when={props.context.services.agents} fallback={<p>{t('unavailable')}</p>}>
        {(agents) => (
          <Switch>
            <Match when={view().kind === 'list'}>
              <p class="muted">{t('intro')}</p>
              <AgentList
                agents={agents()}
                openDatabase={props.context.openDatabase}
                tools={props.context.services.toolLibrary ? () => props.context.services.toolLibrary?.tools() ?? [] : undefined}
              />
            </Match>
            <Match when={view()} keyed>
              {(current) => <AgentEditor context={props.context} agents={agents()} id={current.kind === 'edit' ? current.id : undefined} />}
            </Match>
          </Switch>
        )}
      </Show>
    </section>
  );
}
