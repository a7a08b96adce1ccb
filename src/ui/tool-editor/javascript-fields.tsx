import type { DraftEditing } from './draft-editing';
import { CodeArea, Field, fieldIds } from './field';
import { t } from './messages';

/** The JavaScript tool's own part of the form: the code the sandbox runs. */
export function JavaScriptFields(props: { editing: DraftEditing }) {
  const ids = fieldIds(() => props.editing.problemsFor('code'), true);
  return (
    <Field ids={ids} label={t('code')} hint={t('codeHint')} problems={props.editing.problemsFor('code')}>
      <CodeArea ids={ids} rows={8} value={props.editing.draft().code} onInput={(code) => props.editing.update('code', { code })} />
    </Field>
  );
}
