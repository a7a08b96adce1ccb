import { createSignal, onCleanup, Show } from 'solid-js';
import type { ToolResult } from '../../core/tool-runner';
import type { ToolManifest } from '../../tools/manifest';
import type { CustomToolServices } from '../../app/custom-tools/custom-tool-services';
import { errorText } from '../errors/error-text';
import { Field, fieldIds } from './field';
import { t } from './messages';

interface TestOutcome {
  ok: boolean;
  text: string;
  ms: number;
}

/** Pretty-prints JSON text; other text is shown as it is. */
function pretty(content: string): string {
  try {
    return JSON.stringify(JSON.parse(content), null, 2);
  } catch {
    return content;
  }
}

export interface TestRunnerProps {
  test: CustomToolServices['test'];
  /** The manifest as the form holds it now. */
  manifest: () => ToolManifest;
  secretValues: () => Record<string, string>;
  /** The first example's arguments, as JSON text. */
  initialSample: string;
  /** Shows the form's problems; false when there are some (then the test does not run). */
  revealProblems: () => boolean;
}

/** The Test part of the tool form: sample arguments, Test / Stop, and the outcome with its time. */
export function TestRunner(props: TestRunnerProps) {
  const [sample, setSample] = createSignal(props.initialSample);
  const [testOutcome, setTestOutcome] = createSignal<TestOutcome>();
  const [testing, setTesting] = createSignal<AbortController>();
  const ids = fieldIds(() => [], false);
  onCleanup(() => testing()?.abort());

  const runTest = async () => {
    setTestOutcome(undefined);
    if (!props.revealProblems()) return;
    let args: unknown;
    try {
      args = JSON.parse(sample());
      if (typeof args !== 'object' || args === null || Array.isArray(args)) throw new Error('it must be an object like {"city": "Paris"}');
    } catch (error) {
      setTestOutcome({ ok: false, text: t('sampleInvalid', { reason: errorText(error) }), ms: 0 });
      return;
    }
    const controller = new AbortController();
    setTesting(controller);
    let result: ToolResult;
    try {
      result = await props.test(props.manifest(), args as Record<string, unknown>, { signal: controller.signal, secretValues: props.secretValues() });
    } catch (error) {
      result = { isError: true, content: errorText(error), durationMs: 0 };
    } finally {
      setTesting(undefined);
    }
    const text = result.isError && result.error ? result.error.message : pretty(result.content);
    setTestOutcome({ ok: !result.isError, text, ms: Math.round(result.durationMs) });
  };

  return (
    <fieldset class="tool-form-test">
      <legend>{t('test')}</legend>
      <Field ids={ids} label={t('sampleArguments')} problems={[]}>
        <textarea id={ids.id} class="code-input" rows={3} spellcheck={false} value={sample()} onInput={(event) => setSample(event.currentTarget.value)} />
      </Field>
      <div class="tool-form-actions">
        <Show
          when={testing()}
          fallback={
            <button type="button" onClick={() => void runTest()}>
              {t('test')}
            </button>
          }
        >
          {(controller) => (
            <button type="button" onClick={() => controller().abort()}>
              {t('stopTest')}
            </button>
          )}
        </Show>
      </div>
      <div class="tool-form-test-result" aria-live="polite">
        <Show when={testing()}>
          <p class="muted">{t('testing')}</p>
        </Show>
        <Show when={testOutcome()}>
          {(outcome) => (
            <>
              <p class={outcome().ok ? 'tool-form-ok' : 'field-error'}>{outcome().ok ? t('testOk', { ms: outcome().ms }) : t('testFailed', { ms: outcome().ms })}</p>
              <pre class="tool-form-output">{outcome().text}</pre>
            </>
          )}
        </Show>
      </div>
    </fieldset>
  );
}
