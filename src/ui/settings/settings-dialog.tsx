import { createSignal, createUniqueId, onMount, Show } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { settingsRules } from '../../app/settings/settings-service';
import type { Settings } from '../../store';
import { ErrorAlert } from '../components/error-alert';
import type { ProviderPresetOption } from '../../app/services';
import { DEFAULT_AGENT_ID } from '../../app/agents/default-agent';
import { EngineFields } from './engine-fields';
import { LanguageField } from './language-field';
import { t } from './messages';
import { ModelApiFields } from './model-api-fields';

export interface SettingsDialogProps {
  settings: Settings;
  presets: ProviderPresetOption[];
  /** Stores the settings; resolves false when storing failed (then `error` says why). */
  onSave: (settings: Settings) => Promise<boolean>;
  onClose: () => void;
  error?: string;
  /** Opens scrolled to this section with its first field focused (a demo asking for the model_api endpoint). */
  section?: 'model-api' | undefined;
}

/**
 * The settings form in a modal dialog. It edits a copy; "Save" stores it in IndexedDB and
 * closes, "Cancel" or Escape closes without saving.
 */
export function SettingsDialog(props: SettingsDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  const titleId = createUniqueId();
  const [form, setForm] = createStore<Settings>(settingsRules.normalize(props.settings));
  const [saving, setSaving] = createSignal(false);
  let modelApiFields: HTMLFieldSetElement | undefined;
  onMount(() => {
    if (dialog && !dialog.open) dialog.showModal();
    if (props.section === 'model-api' && modelApiFields) {
      modelApiFields.scrollIntoView({ block: 'start' });
      modelApiFields.querySelector('input')?.focus();
    }
  });

  const save = async (): Promise<void> => {
    setSaving(true);
    const saved = await props.onSave(settingsRules.normalize(unwrap(form)));
    setSaving(false);
    if (saved) props.onClose();
  };

  return (
    <dialog
      ref={dialog}
      class="settings-dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        props.onClose();
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id={titleId}>{t('title')}</h2>
        <EngineFields
          engine={form.engine}
          presets={props.presets}
          onChange={(change) => setForm('engine', (engine) => ({ ...engine, ...change }))}
        />
        <ModelApiFields
          ref={(element) => (modelApiFields = element)}
          modelApi={form.modelApi}
          onChange={(change) => setForm('modelApi', (modelApi) => ({ ...modelApi, ...change }))}
        />
        {/*
          Instructions, tools, pins and tools per turn belong to agents; Settings keep what is global.
          Switching a tool off for every agent is the Tools page's switch (a global gate, see Settings.enabledTools).
        */}
        <p class="field settings-agent-note">
          {t('agentNote')}{' '}
          <a href={`#/agents/${encodeURIComponent(DEFAULT_AGENT_ID)}`} onClick={() => props.onClose()}>
            {t('editDefaultAgent')}
          </a>
        </p>
        <LanguageField value={form.language} onChange={(language) => setForm('language', language)} />
        <Show when={props.error}>{(message) => <ErrorAlert message={message()} />}</Show>
        <div class="dialog-actions">
          <button type="button" onClick={() => props.onClose()}>
            {t('cancel')}
          </button>
          <button type="submit" class="primary" disabled={saving()}>
            {t('save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
