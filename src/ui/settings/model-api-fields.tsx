import type { ModelApiSettings } from '../../store';
import { TextField } from './text-field';

export interface ModelApiFieldsProps {
  modelApi: ModelApiSettings;
  onChange: (change: Partial<ModelApiSettings>) => void;
}

/** Where the `model_api` tool sends its requests (an external OpenAI-compatible API). */
export function ModelApiFields(props: ModelApiFieldsProps) {
  return (
    <fieldset>
      <legend>model_api tool</legend>
      <TextField
        label="Endpoint URL"
        type="url"
        value={props.modelApi.baseUrl}
        placeholder="https://api.openai.com/v1"
        onInput={(baseUrl) => props.onChange({ baseUrl })}
      />
      <TextField label="Chat model" value={props.modelApi.model} onInput={(model) => props.onChange({ model })} />
      <TextField
        label="Image model"
        value={props.modelApi.imageModel}
        onInput={(imageModel) => props.onChange({ imageModel })}
      />
      <TextField
        label="Endpoint key"
        type="password"
        value={props.modelApi.apiKey}
        hint="Kept only in this browser and sent only to the endpoint URL."
        onInput={(apiKey) => props.onChange({ apiKey })}
      />
    </fieldset>
  );
}
