import { createUniqueId, For, Show } from 'solid-js';
import { builtinAiPresent } from '../../app/models/builtin-ai';
import { BUILTIN_AI_LABEL } from '../../app/models/local-choice';
import { settingsChoices } from '../../app/settings/settings-service';
import type { EngineSettings, SettingsToolMode } from '../../store';
import type { EngineKind } from '../../store/settings';
import type { ProviderPresetOption } from '../../app/services';
import { t } from './messages';
import { BaseUrlField } from './base-url-field';
import { TextField } from './text-field';

const toolModeHint = (mode: SettingsToolMode): string => t(`mode.${mode}`);

export interface EngineFieldsProps {
  engine: EngineSettings;
  presets: ProviderPresetOption[];
  onChange: (change: Partial<EngineSettings>) => void;
}

const engineLabel = (kind: EngineKind): string => t(`engine.${kind}`);

/**
 * Which model to talk to: the engine, then for a server its preset, Base URL, Model, API key and
 * how tool calls are written; a local model is chosen on the Models page.
 */
export function EngineFields(props: EngineFieldsProps) {
  const kindId = createUniqueId();
  const kind = (): EngineKind => props.engine.kind ?? 'openai-compatible';
  // The browser's own model is offered only where the browser has one (or when it is already chosen).
  const offeredKinds = (): EngineKind[] => settingsChoices.engineKinds.filter((candidate) => candidate !== 'builtin' || builtinAiPresent() || kind() === 'builtin');
  const presetId = createUniqueId();
  const modeId = createUniqueId();
  const modeHintId = createUniqueId();
  const imagesId = createUniqueId();
  const imagesHintId = createUniqueId();
  const choosePreset = (id: string): void => {
    const preset = props.presets.find((candidate) => candidate.id === id);
    if (!preset) {
      props.onChange({ preset: '' });
      return;
    }
    props.onChange({
      preset: preset.id,
      baseUrl: preset.baseUrl,
      ...(props.engine.model.trim() === '' ? { model: preset.exampleModel } : {}),
    });
  };
  const selectedPreset = (): ProviderPresetOption | undefined =>
    props.presets.find((candidate) => candidate.id === props.engine.preset);
  return (
    <fieldset>
      <legend>{t('model')}</legend>
      <div class="field">
        <label for={kindId}>{t('engine')}</label>
        <select
          id={kindId}
          value={kind()}
          onChange={(event) => {
            const next = settingsChoices.engineKinds.find((candidate) => candidate === event.currentTarget.value);
            if (next) props.onChange({ kind: next });
          }}
        >
          <For each={offeredKinds()}>{(candidate) => (
              <option value={candidate} selected={candidate === kind()}>
                {engineLabel(candidate)}
              </option>
            )}</For>
        </select>
      </div>
      <Show when={kind() === 'openai-compatible'} fallback={<LocalModelNote engine={props.engine} />}>
      <div class="field">
        <label for={presetId}>{t('provider')}</label>
        <select id={presetId} value={props.engine.preset} onChange={(event) => choosePreset(event.currentTarget.value)}>
          <option value="">{t('custom')}</option>
          <For each={props.presets}>{(preset) => (
              <option value={preset.id} selected={preset.id === props.engine.preset}>
                {preset.label}
              </option>
            )}</For>
        </select>
      </div>
      <BaseUrlField label={t('baseUrl')} value={props.engine.baseUrl} onInput={(baseUrl) => props.onChange({ baseUrl })} />
      <TextField
        label={t('model')}
        value={props.engine.model}
        placeholder={selectedPreset()?.exampleModel ?? 'gpt-4o-mini'}
        onInput={(model) => props.onChange({ model })}
      />
      <TextField
        label={t('apiKey')}
        type="password"
        value={props.engine.apiKey}
        hint={
          selectedPreset()?.needsKey === false
            ? t('keyNotNeeded')
            : t('keyKept')
        }
        onInput={(apiKey) => props.onChange({ apiKey })}
      />
      <div class="field">
        <label for={modeId}>{t('toolCalls')}</label>
        <select
          id={modeId}
          value={props.engine.toolMode}
          aria-describedby={modeHintId}
          onChange={(event) => {
            const toolMode = settingsChoices.toolModes.find((mode) => mode === event.currentTarget.value);
            if (toolMode) props.onChange({ toolMode });
          }}
        >
          <For each={settingsChoices.toolModes}>{(mode) => (
              <option value={mode} selected={mode === props.engine.toolMode}>
                {mode}
              </option>
            )}</For>
        </select>
        <small id={modeHintId} class="muted">
          {toolModeHint(props.engine.toolMode)}
        </small>
      </div>
      <div class="checkbox-field">
        <input
          id={imagesId}
          type="checkbox"
          checked={props.engine.acceptsImages !== false}
          aria-describedby={imagesHintId}
          onChange={(event) => props.onChange({ acceptsImages: event.currentTarget.checked })}
        />
        <label for={imagesId}>{t('acceptsImages')}</label>
        <small id={imagesHintId} class="muted">
          {t('acceptsImagesHint')}
        </small>
      </div>
      </Show>
    </fieldset>
  );
}

/** For a local engine: which model is chosen (the Models page chooses and downloads it). */
function LocalModelNote(props: { engine: EngineSettings }) {
  const name = (): string =>
    props.engine.kind === 'builtin' ? BUILTIN_AI_LABEL : props.engine.localModelId?.trim() || props.engine.customModelUrl?.trim() || '';
  return (
    <p class="muted">
      {name() ? t('localModel', { name: name() }) : t('noLocalModel')}
      {t('localModelNote')}
    </p>
  );
}
