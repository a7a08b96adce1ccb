import { createSignal, Show } from 'solid-js';
import { shareSavedAgent } from '../../../app/agents/share-link';
import type { AgentDefinition } from '../../../core/agent-definition';
import type { TabagentDb } from '../../../store';
import { ErrorAlert } from '../../components/error-alert';
import { errorText } from '../../errors/error-text';
import { t } from './messages';

export interface CopyShareLinkButtonProps {
  agent: AgentDefinition;
  openDatabase?: () => Promise<TabagentDb>;
  /** The app's address the link starts with (default: this page's, without its fragment). */
  base?: string;
  /** Puts the link on the clipboard (default: the Clipboard API). */
  copy?: (text: string) => Promise<void>;
}

/**
 * "Copy share link for <name>", beside Export: the agent travels in the link's fragment, which
 * browsers never send to a server. When the clipboard refuses, the link is shown to copy by hand.
 */
export function CopyShareLinkButton(props: CopyShareLinkButtonProps) {
  const [status, setStatus] = createSignal<string>();
  const [manual, setManual] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const copyLink = async (): Promise<void> => {
    setStatus(undefined);
    setManual(undefined);
    setError(undefined);
    let link: string;
    try {
      link = await shareSavedAgent(props.agent, props.base ?? `${location.origin}${location.pathname}${location.search}`, props.openDatabase);
    } catch (failure) {
      setError(errorText(failure));
      return;
    }
    try {
      await (props.copy ?? ((text: string) => navigator.clipboard.writeText(text)))(link);
      setStatus(t('copied'));
    } catch {
      setManual(link);
    }
  };
  return (
    <>
      <button type="button" aria-label={t('copyLabel', { name: props.agent.name })} onClick={() => void copyLink()}>
        {t('copyText')}
      </button>
      <Show when={status()}>{(message) => <span role="status">{message()}</span>}</Show>
      <Show when={manual()}>
        {(link) => (
          <label>
            {t('copyFailed')}
            <input class="agent-share-link" type="text" readOnly value={link()} aria-label={t('shareLinkField')} onFocus={(event) => event.currentTarget.select()} />
          </label>
        )}
      </Show>
      <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
    </>
  );
}
