import { TextField } from './text-field';

/** The label (each fieldset names its own endpoint) and the URL it edits. */
export interface BaseUrlFieldProps {
  label: string;
  value: string;
  onInput: (baseUrl: string) => void;
}

/**
 * The base URL of an OpenAI-compatible API, with OpenAI's own as the example: the chat engine and
 * the `model_api` tool's endpoint are both this kind of address.
 */
export function BaseUrlField(props: BaseUrlFieldProps) {
  return <TextField label={props.label} type="url" value={props.value} placeholder="https://api.openai.com/v1" onInput={(baseUrl) => props.onInput(baseUrl)} />;
}
