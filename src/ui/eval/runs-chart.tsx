import { createUniqueId, For } from 'solid-js';
import type { EvalRunRecord } from '../../store';
import { formatScore } from './format';
import { t } from './messages';
import { RUN_METRICS } from '../../app/eval/run-result-store';

/** A run as the chart shows it: its name and its stored summary. */
export interface ChartRun {
  name: string;
  run: EvalRunRecord;
}

const LABEL_WIDTH = 150;
const BAR_WIDTH = 380;
const VALUE_WIDTH = 60;
const ROW = 18;
const GROUP_TITLE = 22;
const GROUP_GAP = 10;
/** Fill styles in turn (see eval.css); each bar also carries its run's name in text. */
const SERIES = 4;

/**
 * Each metric for each run as horizontal bars (0 to 1), grouped by metric; every bar is labelled
 * with its run's name and value in text, so no series is told by colour alone. The SVG is one
 * image with a title and description; the same numbers are in a table below it.
 */
export function RunsChart(props: { runs: readonly ChartRun[] }) {
  const titleId = createUniqueId();
  const descriptionId = createUniqueId();
  const groupHeight = () => GROUP_TITLE + props.runs.length * ROW + GROUP_GAP;
  const height = () => RUN_METRICS.length * groupHeight();
  const width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
  const value = (run: EvalRunRecord, metric: string): number | undefined => run.summary?.[metric];
  const missing = () => t('notApplicable');

  return (
    <figure class="eval-chart">
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        viewBox={`0 0 ${width} ${height()}`}
        preserveAspectRatio="xMinYMin meet"
      >
        <title id={titleId}>{t('chartTitle')}</title>
        <desc id={descriptionId}>{t('chartDescription', { runs: props.runs.map((entry) => entry.name).join(', ') })}</desc>
        <For each={[...RUN_METRICS]}>
          {(metric, metricIndex) => (
            <g transform={`translate(0 ${metricIndex() * groupHeight()})`}>
              <text class="eval-chart-metric" x={0} y={15}>
                {t(metric)}
              </text>
              <For each={props.runs}>
                {(entry, runIndex) => {
                  const y = GROUP_TITLE + runIndex() * ROW;
                  const score = () => value(entry.run, metric);
                  return (
                    <g class={`eval-series-${runIndex() % SERIES}`}>
                      <text class="eval-chart-label" x={LABEL_WIDTH - 6} y={y + 13} text-anchor="end">
                        {entry.name}
                      </text>
                      <rect class="eval-chart-track" x={LABEL_WIDTH} y={y + 2} width={BAR_WIDTH} height={ROW - 4} />
                      <rect class="eval-chart-bar" x={LABEL_WIDTH} y={y + 2} width={Math.max(0, Math.min(1, score() ?? 0)) * BAR_WIDTH} height={ROW - 4} />
                      <text class="eval-chart-value" x={LABEL_WIDTH + BAR_WIDTH + 6} y={y + 13}>
                        {formatScore(score(), missing())}
                      </text>
                    </g>
                  );
                }}
              </For>
            </g>
          )}
        </For>
      </svg>
      <details class="eval-chart-table">
        <summary>{t('chartTableToggle')}</summary>
        <div class="eval-table-scroll">
          <table class="eval-table">
            <caption>{t('chartTable')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('metric')}</th>
                <For each={props.runs}>{(entry) => <th scope="col">{entry.name}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={[...RUN_METRICS]}>
                {(metric) => (
                  <tr>
                    <th scope="row">{t(metric)}</th>
                    <For each={props.runs}>{(entry) => <td>{formatScore(value(entry.run, metric), missing())}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
