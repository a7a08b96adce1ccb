import { createSignal, createUniqueId, Show } from 'solid-js';
import { parseCustomModel } from './custom-model';
import type { LocalModelChoice } from '../../app/models/local-choice';
import { t } from './messages';

export interface CustomModelFormProps {
  /** Where transformers.js models should run by default (WASM without a real GPU). */
  defaultDevice: 'webgpu' | 'wasm';
  busy: boolean;
  onLoad: (choice: LocalModelChoice) => void;
  /** Loads the model and makes it the engine once it has loaded. */
  onUse: (choice: LocalModelChoice) => void;
}

/** A field for any model: a Hugging Face repo (transformers.js), a web-llm id, or a URL serving model files. */
export function CustomModelForm(props: CustomModelFormProps) {
  const inputId = createUniqueId();
  const hintId = createUniqueId();
  const errorId = createUniqueId();
  const deviceId = createUniqueId();
  const [text, setText] = createSignal('');
  const [device, setDevice] = createSignal<'webgpu' | 'wasm'>(props.defaultDevice);
  const [problem, setProblem] = createSignal<string>();

  const parsed = (): LocalModelChoice | undefined => {
    const result = parseCustomModel(text(), device());
    setProblem(result.ok ? undefined : result.message);
    return result.ok ? result.choice : undefined;
  };

  return (
    <form
      class="models-section"
      aria-label={t('anyOther')}
      onSubmit={(event) => {
        event.preventDefault();
        const choice = parsed();
        if (choice) props.onUse(choice);
      }}
    >
      <div class="field">
        <label for={inputId}>{t('modelIdOrUrl')}</label>
        <input
          id={inputId}
          value={text()}
          placeholder="onnx-community/Qwen2.5-0.5B-Instruct"
          autocomplete="off"
          spellcheck={false}
          aria-invalid={problem() ? 'true' : undefined}
          aria-describedby={problem() ? `${hintId} ${errorId}` : hintId}
          onInput={(event) => {
            setText(event.currentTarget.value);
            setProblem(undefined);
          }}
        />
        <small id={hintId} class="muted">
          {t('customHint')}
        </small>
        <Show when={problem()}>
          <small id={errorId} class="field-error">
            {problem()}
          </small>
        </Show>
      </div>
      <div class="field">
        <label for={deviceId}>{t('runsOn')}</label>
        <select id={deviceId} value={device()} onChange={(event) => setDevice(event.currentTarget.value === 'webgpu' ? 'webgpu' : 'wasm')}>
          <option value="wasm">{t('wasmCpu')}</option>
          <option value="webgpu">WebGPU</option>
        </select>
      </div>
      <div class="model-actions">
        <button
          type="button"
          disabled={props.busy}
          onClick={() => {
            const choice = parsed();
            if (choice) props.onLoad(choice);
          }}
        >
          {t('downloadThis')}
        </button>
        <button type="submit" class="primary" disabled={props.busy}>
          {t('useThis')}
        </button>
      </div>
    </form>
  );
}
