import { createSignal, createUniqueId, onMount, Show } from 'solid-js';
import { errorText } from '../errors/error-text';
import type { ExportFormat } from '../../data';
import type { TabagentDb } from '../../store';
import type { ToolManifest } from '../../tools/manifest';
import { ErrorAlert } from '../components/error-alert';
import { t } from './messages';
import { NumberField } from './number-field';
import { buildTrainingFile, downloadText, readStoredConversations } from '../../app/eval/training-export';

export interface ExportPanelProps {
  openDatabase: () => Promise<TabagentDb>;
  /** The tools dialogues are validated against and synthetic ones are written from. */
  manifests: () => readonly ToolManifest[];
}

/**
 * "Export training data": opted-in conversations plus, optionally, synthetic dialogues, as
 * Weighted-LM JSONL (OpenAI messages with call-span weights) or ShareGPT, downloaded as a file.
 */
export function ExportPanel(props: ExportPanelProps) {
  const headingId = createUniqueId();
  const formatId = createUniqueId();
  const [counts, setCounts] = createSignal<{ optedIn: number; total: number }>();
  const [format, setFormat] = createSignal<ExportFormat>('openai');
  const [multiplier, setMultiplier] = createSignal('2.0');
  const [synthetic, setSynthetic] = createSignal(false);
  const [count, setCount] = createSignal('100');
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal('');
  const [error, setError] = createSignal<string>();

  onMount(() => {
    void (async () => {
      try {
        const conversations = await readStoredConversations(await props.openDatabase());
        setCounts({ optedIn: conversations.filter((entry) => entry.optIn).length, total: conversations.length });
      } catch (failure) {
        setError(errorText(failure, 'storage'));
      }
    })();
  });

  async function exportFile(): Promise<void> {
    setMessage('');
    setError(undefined);
    const weight = Number(multiplier());
    if (!(multiplier().trim() !== '' && Number.isFinite(weight) && weight > 0)) return void setError(t('multiplierError'));
    const syntheticCount = synthetic() ? Number(count()) : 0;
    if (!(Number.isInteger(syntheticCount) && syntheticCount >= 0 && syntheticCount <= 5000)) return void setError(t('countError'));
    setBusy(true);
    try {
      const conversations = await readStoredConversations(await props.openDatabase());
      setCounts({ optedIn: conversations.filter((entry) => entry.optIn).length, total: conversations.length });
      const file = await buildTrainingFile(conversations, props.manifests(), { format: format(), multiplier: weight, synthetic: syntheticCount });
      if (file.lines === 0) return void setMessage(t('exportEmpty'));
      const bySource = file.summary.splits.train.bySource;
      downloadText(file.text, file.fileName);
      setMessage(t('exported', { lines: file.lines, conversations: bySource.conversation, synthetic: bySource.template + bySource.teacher, file: file.fileName }));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="eval-section eval-export" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('exportHeading')}</h3>
      <p class="muted">{t('exportIntro')}</p>
      <Show when={counts()}>{(value) => <p>{t('optedIn', { count: value().optedIn, total: value().total })}</p>}</Show>
      <div class="eval-form-row">
        <div class="field">
          <label for={formatId}>{t('exportFormat')}</label>
          <select id={formatId} value={format()} onChange={(event) => setFormat(event.currentTarget.value as ExportFormat)}>
            <option value="openai">{t('formatOpenai')}</option>
            <option value="sharegpt">{t('formatSharegpt')}</option>
          </select>
        </div>
        <Show when={format() === 'openai'}>
          <NumberField label={t('multiplier')} min="0.1" step="0.1" inputmode="decimal" value={multiplier()} onInput={setMultiplier} />
        </Show>
      </div>
      <div class="eval-form-row">
        <label class="checkbox-field">
          <input type="checkbox" checked={synthetic()} onChange={(event) => setSynthetic(event.currentTarget.checked)} />
          {t('includeSynthetic')}
        </label>
        <Show when={synthetic()}>
          <NumberField label={t('syntheticCount')} min="0" max="5000" step="1" inputmode="numeric" value={count()} onInput={setCount} />
        </Show>
      </div>
      <button type="button" class="primary" disabled={busy()} onClick={() => void exportFile()}>
        {busy() ? t('exporting') : t('export')}
      </button>
      <p role="status" class="eval-export-status">
        {message()}
      </p>
      <Show when={error()}>{(text) => <ErrorAlert message={text()} />}</Show>
    </section>
  );
}
