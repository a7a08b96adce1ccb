import type { ModelApiSettings } from '../../store';
import { t } from './messages';
import { BaseUrlField } from './base-url-field';
import { TextField } from './text-field';

export interface ModelApiFieldsProps {
  modelApi: ModelApiSettings;
  onChange: (change: Partial<ModelApiSettings>) => void;
  /** Receives the fieldset (Settings can open scrolled to it). */
  ref?: (element: HTMLFieldSetElement) => void;
}

/** Where the `model_api` tool sends its requests (an external OpenAI-compatible API). */
export function ModelApiFields(props: ModelApiFieldsProps) {
  return (
    <fieldset ref={(element) => props.ref?.(element)}>
      <legend>{t('modelApiLegend')}</legend>
      <BaseUrlField label={t('endpointUrl')} value={props.modelApi.baseUrl} onInput={(baseUrl) => props.onChange({ baseUrl })} />
      <TextField label={t('chatModel')} value={props.modelApi.model} onInput={(model) => props.onChange({ model })} />
      <TextField
        label={t('imageModel')}
        value={props.modelApi.imageModel}
        onInput={(imageModel) => props.onChange({ imageModel })}
      />
      <TextField
        label={t('endpointKey')}
        type="password"
        value={props.modelApi.apiKey}
        hint={t('endpointKeyHint')}
        onInput={(apiKey) => props.onChange({ apiKey })}
      />
    </fieldset>
  );
}
