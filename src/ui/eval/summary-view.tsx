import { createUniqueId, For } from 'solid-js';
import type { EvalSummary } from '../../eval/metrics/summary';
import { formatScore } from './format';
import { t } from './messages';
import { RUN_METRICS } from '../../app/eval/run-result-store';

/** A run's summary (the same `summarize` the CLI prints) as a list of named values. */
export function SummaryView(props: { summary: EvalSummary; label: string }) {
  const headingId = createUniqueId();
  const missing = () => t('notApplicable');
  const rows = (): Array<[string, string]> => [
    [t('examples'), String(props.summary.examples)],
    [t('scored'), String(props.summary.scored)],
    [t('errors'), String(props.summary.errors)],
    ...RUN_METRICS.map((metric): [string, string] => [t(metric), formatScore(props.summary[metric].value, missing())]),
    [t('argumentF1Micro'), formatScore(props.summary.argumentF1.micro.f1, missing())],
    [
      t('meanTime'),
      props.summary.durationMs.mean === null ? missing() : t('seconds', { value: (props.summary.durationMs.mean / 1000).toFixed(2) }),
    ],
  ];
  return (
    <section class="eval-summary" aria-labelledby={headingId}>
      <h4 id={headingId}>{props.label}</h4>
      <dl>
        <For each={rows()}>
          {([name, value]) => (
            <div data-metric={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          )}
        </For>
      </dl>
    </section>
  );
}
