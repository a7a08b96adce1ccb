import { For, Show } from 'solid-js';
import type { TurnBudget } from '../chat/transcript';
import './budget.css';
import { t } from './messages';

type Part = 'system' | 'tools' | 'context' | 'history';
const PARTS: readonly Part[] = ['system', 'tools', 'context', 'history'];

function formatCount(count: number): string {
  return Number.isFinite(count) ? count.toLocaleString() : '∞';
}

/**
 * Where the tokens of a turn's last prompt went (system text, tools, retrieved memories and
 * knowledge, conversation) against the model's limit: a compact bar with the same numbers as
 * text, collapsed by default, plus what was left out to fit.
 */
export function BudgetView(props: { budget: TurnBudget }) {
  const limited = (): boolean => Number.isFinite(props.budget.limit) && props.budget.limit > 0;
  const scale = (): number => (limited() ? Math.max(props.budget.limit, props.budget.total) : Math.max(1, props.budget.total));
  const width = (count: number): string => `${((100 * count) / scale()).toFixed(2)}%`;
  const free = (): number => (limited() ? Math.max(0, props.budget.limit - props.budget.total) : 0);
  const summary = (): string =>
    limited()
      ? t('summary', {
          total: formatCount(props.budget.total),
          limit: formatCount(props.budget.limit),
          percent: Math.round((100 * props.budget.total) / props.budget.limit),
        })
      : t('summaryNoLimit', { total: formatCount(props.budget.total) });
  const barText = (): string =>
    t('barLabel', {
      parts: [...PARTS.map((part) => t('part', { name: t(part), count: formatCount(props.budget[part]) })), ...(limited() ? [t('part', { name: t('free'), count: formatCount(free()) })] : [])].join(', '),
    });
  return (
    <details class="context-budget">
      <summary>{summary()}</summary>
      <div class="budget-bar" role="img" aria-label={barText()}>
        <For each={PARTS}>{(part) => <span class={`budget-${part}`} style={{ width: width(props.budget[part]) }} />}</For>
      </div>
      <dl class="budget-parts">
        <For each={PARTS}>
          {(part) => (
            <>
              <dt>
                <span class={`budget-swatch budget-${part}`} aria-hidden="true" />
                {t(part)}
              </dt>
              <dd>{t('tokens', { count: formatCount(props.budget[part]) })}</dd>
            </>
          )}
        </For>
        <Show when={limited()}>
          <dt>{t('free')}</dt>
          <dd>{t('tokens', { count: formatCount(free()) })}</dd>
        </Show>
      </dl>
      <Show when={props.budget.omittedMessages > 0}>
        <p class="budget-note">{t('omitted', { count: props.budget.omittedMessages })}</p>
      </Show>
      <Show when={props.budget.truncatedResults > 0}>
        <p class="budget-note">{t('truncated', { count: props.budget.truncatedResults })}</p>
      </Show>
      <Show when={props.budget.overflow}>
        <p class="budget-overflow">{t('overflow', { total: formatCount(props.budget.total), limit: formatCount(props.budget.limit) })}</p>
      </Show>
    </details>
  );
}
