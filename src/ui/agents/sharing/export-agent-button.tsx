import { createSignal, Show } from 'solid-js';
import { exportSavedAgent } from '../../../app/agents/agent-file';
import type { AgentDefinition } from '../../../core/agent-definition';
import type { TabagentDb } from '../../../store';
import { ErrorAlert } from '../../components/error-alert';
import { errorText } from '../../errors/error-text';
import { t } from './messages';
import { downloadText } from '../../components/download-file';

export interface ExportAgentButtonProps {
  agent: AgentDefinition;
  /** The database, to describe the MCP servers the agent uses; absent: the file names none. */
  openDatabase?: () => Promise<TabagentDb>;
  /** Saves the file (default: a browser download of `<name>.agent.json`); tests read it instead. */
  save?: (text: string, name: string) => void;
}

/** "Export <name>": downloads the agent as `<name>.agent.json` (no secrets: keys are named, never written). */
export function ExportAgentButton(props: ExportAgentButtonProps) {
  const [error, setError] = createSignal<string>();
  const exportAgent = async (): Promise<void> => {
    setError(undefined);
    try {
      const { text, name } = await exportSavedAgent(props.agent, props.openDatabase);
      (props.save ?? downloadText)(text, name);
    } catch (failure) {
      setError(errorText(failure));
    }
  };
  return (
    <>
      <button type="button" aria-label={t('exportLabel', { name: props.agent.name })} onClick={() => void exportAgent()}>
        {t('exportText')}
      </button>
      <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
    </>
  );
}
