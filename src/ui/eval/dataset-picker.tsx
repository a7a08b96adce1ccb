import { createSignal, createUniqueId, Match, onMount, Show, Switch } from 'solid-js';
import { isBfclFile, readDataset } from '../../app/eval/eval-results';
import type { DatasetKind } from '../../eval/dataset';
import type { ReadyDataset } from './eval-state';
import { t } from './messages';
import { SAMPLE_NAME, sampleExamples } from '../../app/eval/sample-dataset';

export interface DatasetPickerProps {
  /** Called with the dataset to run, or undefined while there is none (no file, a bad file). */
  onChange: (dataset: ReadyDataset | undefined) => void;
  disabled: boolean;
}

type FileStatus =
  | { state: 'empty' }
  | { state: 'reading' }
  | { state: 'ready'; count: number; kind: DatasetKind }
  | { state: 'error'; message: string };

const KIND_LABELS = { tabagent: 'kindTabagent', msagent: 'kindMsagent', bfcl: 'kindBfcl' } as const;

/**
 * Chooses what to run: the bundled sample, or a file (our JSONL, MSAgent-Bench or BFCL, recognised
 * from its content as the CLI does); a BFCL question file gets a second input for its answers.
 */
export function DatasetPicker(props: DatasetPickerProps) {
  const name = createUniqueId();
  const dataId = createUniqueId();
  const answersId = createUniqueId();
  const statusId = createUniqueId();
  const [mode, setMode] = createSignal<'sample' | 'file'>('sample');
  const [status, setStatus] = createSignal<FileStatus>({ state: 'empty' });
  const [isBfcl, setIsBfcl] = createSignal(false);
  let dataFile: File | undefined;
  let answersFile: File | undefined;
  // Files are read asynchronously: only the latest choice may report.
  let generation = 0;

  const useSample = (): void => props.onChange({ name: SAMPLE_NAME, examples: [...sampleExamples] });

  async function readFiles(): Promise<void> {
    const current = (generation += 1);
    props.onChange(undefined);
    if (!dataFile) {
      setStatus({ state: 'empty' });
      setIsBfcl(false);
      return;
    }
    setStatus({ state: 'reading' });
    try {
      const text = await dataFile.text();
      const answers = answersFile ? await answersFile.text() : undefined;
      if (current !== generation) return;
      setIsBfcl(isBfclFile(text));
      const dataset = readDataset(text, answers);
      setStatus({ state: 'ready', count: dataset.examples.length, kind: dataset.kind });
      props.onChange({ name: dataFile.name, examples: dataset.examples });
    } catch (error) {
      if (current !== generation) return;
      setStatus({ state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }

  onMount(useSample);

  return (
    <fieldset class="eval-dataset" disabled={props.disabled}>
      <legend>{t('datasetLegend')}</legend>
      <label class="eval-choice">
        <input
          type="radio"
          name={name}
          checked={mode() === 'sample'}
          onChange={() => {
            setMode('sample');
            // The file inputs go away with the mode: forget their files too.
            generation += 1;
            dataFile = undefined;
            answersFile = undefined;
            setIsBfcl(false);
            setStatus({ state: 'empty' });
            useSample();
          }}
        />
        {t('sampleOption', { count: sampleExamples.length })}
      </label>
      <label class="eval-choice">
        <input
          type="radio"
          name={name}
          checked={mode() === 'file'}
          onChange={() => {
            setMode('file');
            void readFiles();
          }}
        />
        {t('fileOption')}
      </label>
      <Show when={mode() === 'file'}>
        <div class="field">
          <label for={dataId}>{t('dataFile')}</label>
          <input
            id={dataId}
            type="file"
            accept=".jsonl,.json,application/json,application/jsonl,text/plain"
            aria-describedby={statusId}
            onChange={(event) => {
              dataFile = event.currentTarget.files?.[0];
              void readFiles();
            }}
          />
          <small class="muted">{t('fileHint')}</small>
        </div>
        <Show when={isBfcl()}>
          <div class="field">
            <label for={answersId}>{t('answersFile')}</label>
            <input
              id={answersId}
              type="file"
              accept=".jsonl,.json,application/json,application/jsonl,text/plain"
              onChange={(event) => {
                answersFile = event.currentTarget.files?.[0];
                void readFiles();
              }}
            />
            <small class="muted">{t('answersHint')}</small>
          </div>
        </Show>
        <p id={statusId} class="eval-dataset-status" role="status">
          <Switch>
            <Match when={status().state === 'reading'}>{t('readingFile')}</Match>
            <Match when={status().state === 'ready' && (status() as Extract<FileStatus, { state: 'ready' }>)}>
              {(ready) => t('datasetReady', { count: ready().count, kind: t(KIND_LABELS[ready().kind]) })}
            </Match>
            <Match when={status().state === 'error' && (status() as Extract<FileStatus, { state: 'error' }>)}>
              {(failed) => <span class="eval-error-text">{t('datasetError', { message: failed().message })}</span>}
            </Match>
          </Switch>
        </p>
      </Show>
    </fieldset>
  );
}
