import { For, Show } from 'solid-js';
import { diffExampleCalls } from '../../app/eval/eval-results';
import type { ArgumentDiff, ArgumentStatus } from '../../eval/call-diff';
import type { RunEntry } from './eval-state';
import { t } from './messages';

type MarkKey = Parameters<typeof t>[0];

const ARGUMENT_MARKS: Record<ArgumentStatus, MarkKey | null> = {
  match: null,
  wrong: 'markWrong',
  missing: 'markMissing',
  'optional-missing': 'markOptional',
  unexpected: 'markUnexpected',
};

/** A status written out, so that mismatches are never told by colour alone. */
function Mark(props: { key: MarkKey; bad: boolean }) {
  return (
    <mark class="eval-mark" data-bad={props.bad ? 'true' : 'false'}>
      {t(props.key)}
    </mark>
  );
}

function json(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}

/** One argument line: name, the value on this side, and what is wrong with it. */
function ArgumentLine(props: { argument: ArgumentDiff; side: 'expected' | 'produced' }) {
  const shown = (): unknown => (props.side === 'expected' ? props.argument.expected : props.argument.produced);
  const mark = (): MarkKey | null => ARGUMENT_MARKS[props.argument.status];
  const hasValue = (): boolean =>
    props.side === 'expected' ? 'expected' in props.argument : 'produced' in props.argument;
  return (
    <li class="eval-argument" data-status={props.argument.status}>
      <code>{props.argument.name}</code>
      <Show when={hasValue()}>
        {': '}
        <code>{json(shown())}</code>
      </Show>
      <Show when={mark()}>{(key) => <> <Mark key={key()} bad={props.argument.status !== 'optional-missing'} /></>}</Show>
      <Show when={props.side === 'expected' && props.argument.alsoAccepted}>
        {(values) => <span class="muted"> ({t('alsoAccepted', { values: values().map(json).join(', ') })})</span>}
      </Show>
    </li>
  );
}

/**
 * What the model was expected to do next to what it did, for one example: both call lists with
 * each call and argument marked in words (differs, missing, not expected…), text answers side by
 * side, and any problem met reading the calls or running the example.
 */
export function CallDiffView(props: { entry: RunEntry }) {
  const example = () => props.entry.example;
  const prediction = () => props.entry.result?.prediction;
  const diff = () => diffExampleCalls(example(), props.entry.result);
  const goldText = () => ('text' in example().gold ? (example().gold as { text: string }).text : undefined);

  return (
    <div class="eval-diff">
      <Show when={props.entry.result?.error}>{(message) => <p class="eval-error-text">{t('failed', { message: message() })}</p>}</Show>
      <div class="eval-diff-columns">
        <div class="eval-diff-side">
          <p class="eval-diff-title">{t('expectedCalls')}</p>
          <Show when={goldText() === undefined} fallback={<p>{t('expectedAnswer')}: {goldText()}</p>}>
            <Show when={diff().expected.length > 0} fallback={<p class="muted">{t('noCall')}</p>}>
              <ol class="eval-calls" aria-label={t('expectedCallsOf', { id: example().id })}>
                <For each={diff().expected}>
                  {(call) => (
                    <li class="eval-call" data-status={call.status}>
                      <code class="eval-call-name">{call.call.name}</code>{' '}
                      <Show when={call.status !== 'match'} fallback={<Mark key="markMatch" bad={false} />}>
                        <Mark key={call.status === 'missing' ? 'markNotProduced' : 'markArgumentsDiffer'} bad />
                      </Show>
                      <ul class="eval-arguments">
                        <For each={call.arguments}>{(argument) => <ArgumentLine argument={argument} side="expected" />}</For>
                      </ul>
                    </li>
                  )}
                </For>
              </ol>
            </Show>
          </Show>
        </div>
        <div class="eval-diff-side">
          <p class="eval-diff-title">{t('producedCalls')}</p>
          <Show when={prediction()}>
            {(predicted) => (
              <>
                <Show when={diff().produced.length > 0} fallback={<p class="muted">{t('noCall')}</p>}>
                  <ol class="eval-calls" aria-label={t('producedCallsOf', { id: example().id })}>
                    <For each={diff().produced}>
                      {(call) => (
                        <li class="eval-call" data-status={call.status}>
                          <code class="eval-call-name">{call.call.name}</code>{' '}
                          <Show when={!call.knownTool}>
                            <Mark key="markUnknownTool" bad />{' '}
                          </Show>
                          <Show when={call.status !== 'match'} fallback={<Mark key="markMatch" bad={false} />}>
                            <Mark key={call.status === 'unexpected' ? 'markUnexpected' : 'markArgumentsDiffer'} bad />
                          </Show>
                          <ul class="eval-arguments">
                            <For each={call.arguments}>{(argument) => <ArgumentLine argument={argument} side="produced" />}</For>
                          </ul>
                        </li>
                      )}
                    </For>
                  </ol>
                </Show>
                <Show when={predicted().text !== ''}>
                  <p>
                    {t('producedAnswer')}: {predicted().text}
                  </p>
                </Show>
              </>
            )}
          </Show>
        </div>
      </div>
      <Show when={example().finalAnswer !== undefined && props.entry.result?.followUp !== undefined}>
        <p>
          {t('referenceFinal')}: {example().finalAnswer}
        </p>
        <p>
          {t('followUp')}: {props.entry.result?.followUp}
        </p>
      </Show>
      <Show when={(prediction()?.problems.length ?? 0) > 0}>
        <p class="eval-diff-title">{t('problems')}</p>
        <ul>
          <For each={prediction()?.problems}>{(problem) => <li>{problem}</li>}</For>
        </ul>
      </Show>
    </div>
  );
}
