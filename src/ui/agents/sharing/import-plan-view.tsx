import { For, Show } from 'solid-js';
import { ErrorAlert } from '../../components/error-alert';
import { describeProblem } from './describe';
import type { ImportFlow } from './import-flow';
import { ImportReview } from './import-review';
import { t } from './messages';

/**
 * A planned import: each refused file as an alert naming its problem, each agent to add with its
 * review, then "Add agent" and "Cancel". Shows the flow's status and error too.
 */
export function ImportPlanView(props: { flow: ImportFlow; headingLevel?: 'h2' | 'h3' }) {
  const flow = () => props.flow;
  return (
    <>
      <Show when={flow().plan()}>
        {(plan) => (
          <div class="agent-import-plan">
            <For each={plan().problems}>{(problem) => <ErrorAlert message={describeProblem(problem)} />}</For>
            <Show when={plan().agents.length > 0}>
              <h3>{t('planTitle', { count: plan().agents.length })}</h3>
              <For each={plan().agents}>
                {(imported, index) => (
                  <ImportReview
                    imported={imported}
                    choice={flow().choices()[index()] ?? { confirmed: new Set(), key: '' }}
                    onChange={(choice) => flow().setChoice(index(), choice)}
                    disabled={flow().busy()}
                  />
                )}
              </For>
            </Show>
            <div class="dialog-actions">
              <button type="button" disabled={flow().busy()} onClick={() => flow().cancel()}>
                {t('cancel')}
              </button>
              <Show when={plan().agents.length > 0}>
                <button type="button" class="primary" disabled={flow().busy()} onClick={() => void flow().confirm()}>
                  {t('add', { count: plan().agents.length })}
                </button>
              </Show>
            </div>
          </div>
        )}
      </Show>
      <Show when={flow().error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <Show when={flow().status()}>{(message) => <p role="status">{message()}</p>}</Show>
    </>
  );
}
