import { createSignal, createUniqueId, onMount, Show } from 'solid-js';
import { createStore, unwrap } from 'solid-js/store';
import { settingsRules } from '../../app/settings/settings-service';
import type { Settings } from '../../store';
import { ErrorAlert } from '../components/error-alert';
import { errorText } from '../errors/error-text';
import type { ProviderPresetOption, ToolInfo } from '../../app/services';
import type { AgentService } from '../../app/agents/agent-service';
import type { AgentDefinition } from '../../core/agent-definition';
import { EngineFields } from './engine-fields';
import { LanguageField } from './language-field';
import { t } from './messages';
import { ModelApiFields } from './model-api-fields';
import { ToolToggles } from './tool-toggles';

export interface SettingsDialogProps {
  settings: Settings;
  tools: ToolInfo[];
  presets: ProviderPresetOption[];
  /** Stores the settings; resolves false when storing failed (then `error` says why). */
  onSave: (settings: Settings) => Promise<boolean>;
  onClose: () => void;
  error?: string;
  /** Opens scrolled to this section with its first field focused (a demo asking for the model_api endpoint). */
  section?: 'model-api' | undefined;
  /**
   * The agents: "System prompt" then edits the default agent's instructions (the Agents page is
   * the main place for them). Absent: it edits the settings' own field, as before agents.
   */
  agents?: AgentService | undefined;
}

/**
 * The settings form in a modal dialog. It edits a copy; "Save" stores it in IndexedDB and
 * closes, "Cancel" or Escape closes without saving.
 */
export function SettingsDialog(props: SettingsDialogProps) {
  let dialog: HTMLDialogElement | undefined;
  const titleId = createUniqueId();
  const promptId = createUniqueId();
  const [form, setForm] = createStore<Settings>(settingsRules.normalize(props.settings));
  const [saving, setSaving] = createSignal(false);
  // The default agent whose instructions the "System prompt" field shows and saves.
  const [defaultAgent, setDefaultAgent] = createSignal<AgentDefinition>();
  const [agentError, setAgentError] = createSignal<string>();
  onMount(() => {
    const agents = props.agents;
    if (!agents) return;
    void (async () => {
      const agent = await agents.get(await agents.defaultAgentId());
      if (!agent) return;
      setDefaultAgent(agent);
      setForm('systemPrompt', agent.instructions);
    })().catch(() => undefined);
  });

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
    const agent = defaultAgent();
    if (agent && props.agents && agent.instructions !== form.systemPrompt) {
      try {
        setDefaultAgent(await props.agents.save({ ...agent, instructions: form.systemPrompt }));
        setAgentError(undefined);
      } catch (failure) {
        // Nothing is saved then: the person sees why and may try again.
        setAgentError(errorText(failure, 'storage'));
        setSaving(false);
        return;
      }
    }
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
        <ToolToggles
          tools={props.tools}
          isEnabled={(name) => settingsRules.isToolEnabled(form, name)}
          onToggle={(name, enabled) => setForm('enabledTools', (tools) => ({ ...tools, [name]: enabled }))}
        />
        <ModelApiFields
          ref={(element) => (modelApiFields = element)}
          modelApi={form.modelApi}
          onChange={(change) => setForm('modelApi', (modelApi) => ({ ...modelApi, ...change }))}
        />
        <div class="field">
          {/* The default agent's instructions when there are agents (same name, so existing flows keep working). */}
          <label for={promptId}>{t('systemPrompt')}</label>
          <textarea
            id={promptId}
            rows={4}
            value={form.systemPrompt}
            onInput={(event) => setForm('systemPrompt', event.currentTarget.value)}
          />
        </div>
        <LanguageField value={form.language} onChange={(language) => setForm('language', language)} />
        <Show when={props.error ?? agentError()}>{(message) => <ErrorAlert message={message()} />}</Show>
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
