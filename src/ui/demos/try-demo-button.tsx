import { t } from './try-demo-messages';
import './try-demo.css';

/** The "Try a demo" button of the start page and the welcome: opens the Demos dialog. */
export function TryDemoButton(props: { onClick: () => void; class?: string }) {
  return (
    <button type="button" class={props.class ?? 'try-demo'} onClick={() => props.onClick()}>
      {t('tryDemo')}
    </button>
  );
}
