import { t } from './training-messages';
import './training-toggle.css';

/**
 * The conversation whose toggle was just used. Changing the opt-in re-sorts the list, which
 * re-creates its entries, so the new entry takes the keyboard focus back.
 */
let refocusId: string | undefined;

export interface TrainingToggleProps {
  conversationId: string;
  title: string;
  checked: boolean;
  onChange: (id: string, optIn: boolean) => void;
}

/** A checkbox: may this conversation go into a training-data export? Off unless the person says so. */
export function TrainingToggle(props: TrainingToggleProps) {
  return (
    <label class="conversation-training" title={t('trainHint')}>
      <input
        type="checkbox"
        checked={props.checked}
        aria-label={t('trainNamed', { title: props.title })}
        ref={(input) => {
          if (refocusId !== props.conversationId) return;
          refocusId = undefined;
          queueMicrotask(() => input.focus());
        }}
        onChange={(event) => {
          refocusId = props.conversationId;
          props.onChange(props.conversationId, event.currentTarget.checked);
        }}
      />
      <span aria-hidden="true">{t('train')}</span>
    </label>
  );
}
