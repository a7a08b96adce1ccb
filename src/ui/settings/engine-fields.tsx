import { createUniqueId, For } from 'solid-js';
import { settingsToolModes, type EngineSettings, type SettingsToolMode } from '../../store';
import type { ProviderPresetOption } from '../services';
import { TextField } from './text-field';

const TOOL_MODE_HINTS: Record<SettingsToolMode, string> = {
  native: 'native: the server returns structured tool calls (OpenAI tools API).',
  hermes: 'hermes: <tool_call> tags in text (Hermes, Qwen).',
  react: 'react: Action / Action Input lines.',
  modelscope: 'modelscope: ModelScope-Agent <|startofthink|> blocks.',
};

export interface EngineFieldsProps {
  engine: EngineSettings;
  presets: ProviderPresetOption[];
  onChange: (change: Partial<EngineSettings>) => void;
}

/** Which model to talk to: provider preset, Base URL, Model, API key and how tool calls are written. */
export function EngineFields(props: EngineFieldsProps) {
  const presetId = createUniqueId();
  const modeId = createUniqueId();
  const modeHintId = createUniqueId();
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
      <legend>Model</legend>
      <div class="field">
        <label for={presetId}>Provider</label>
        <select id={presetId} value={props.engine.preset} onChange={(event) => choosePreset(event.currentTarget.value)}>
          <option value="">Custom</option>
          <For each={props.presets}>{(preset) => (
              <option value={preset.id} selected={preset.id === props.engine.preset}>
                {preset.label}
              </option>
            )}</For>
        </select>
      </div>
      <TextField
        label="Base URL"
        type="url"
        value={props.engine.baseUrl}
        placeholder="https://api.openai.com/v1"
        onInput={(baseUrl) => props.onChange({ baseUrl })}
      />
      <TextField
        label="Model"
        value={props.engine.model}
        placeholder={selectedPreset()?.exampleModel ?? 'gpt-4o-mini'}
        onInput={(model) => props.onChange({ model })}
      />
      <TextField
        label="API key"
        type="password"
        value={props.engine.apiKey}
        hint={
          selectedPreset()?.needsKey === false
            ? 'Not needed for this server. Kept only in this browser.'
            : 'Kept only in this browser and sent only to the Base URL.'
        }
        onInput={(apiKey) => props.onChange({ apiKey })}
      />
      <div class="field">
        <label for={modeId}>Tool calls</label>
        <select
          id={modeId}
          value={props.engine.toolMode}
          aria-describedby={modeHintId}
          onChange={(event) => {
            const toolMode = settingsToolModes.find((mode) => mode === event.currentTarget.value);
            if (toolMode) props.onChange({ toolMode });
          }}
        >
          <For each={settingsToolModes}>{(mode) => (
              <option value={mode} selected={mode === props.engine.toolMode}>
                {mode}
              </option>
            )}</For>
        </select>
        <small id={modeHintId} class="muted">
          {TOOL_MODE_HINTS[props.engine.toolMode]}
        </small>
      </div>
    </fieldset>
  );
}
