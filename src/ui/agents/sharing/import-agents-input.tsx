import { createUniqueId } from 'solid-js';
import { createAgentImporter, type ImportableToolInfo } from '../../../app/agents/import/agent-importer';
import type { AgentService } from '../../../app/agents/agent-service';
import type { AgentDefinition } from '../../../core/agent-definition';
import type { TabagentDb } from '../../../store';
import { createImportFlow } from './import-flow';
import { ImportPlanView } from './import-plan-view';
import { t } from './messages';
import './sharing.css';

export interface ImportAgentsInputProps {
  agents: AgentService;
  openDatabase: () => Promise<TabagentDb>;
  /** Every tool this browser has (the tool library's list); default: the built-in tools. */
  tools?: () => readonly ImportableToolInfo[];
  /** Called with the agents added. */
  onImported?: (agents: AgentDefinition[]) => void;
}

/**
 * The file input labelled "Import agent" (several files at once: agent files, AgentFabric
 * configs, tiny-agents agent.json with its PROMPT.md or AGENTS.md). Shows what would be added —
 * refused files as alerts — and adds only on "Add agent", with only the connections ticked.
 */
export function ImportAgentsInput(props: ImportAgentsInputProps) {
  const inputId = createUniqueId();
  const importer = () => createAgentImporter({ agents: props.agents, openDatabase: props.openDatabase, ...(props.tools ? { tools: props.tools } : {}) });
  const flow = createImportFlow(importer, { onImported: (agents) => props.onImported?.(agents) });
  return (
    <section class="agent-import">
      <label for={inputId}>{t('importLabel')}</label>
      <input
        id={inputId}
        type="file"
        multiple
        accept=".json,.md,.markdown,application/json,text/markdown"
        aria-describedby={`${inputId}-hint`}
        disabled={flow.busy()}
        onChange={(event) => {
          const input = event.currentTarget;
          const files = [...(input.files ?? [])];
          input.value = '';
          if (files.length > 0) void flow.start((importer) => importer.plan(files));
        }}
      />
      <p id={`${inputId}-hint`} class="muted">
        {t('importHint')}
      </p>
      <ImportPlanView flow={flow} />
    </section>
  );
}
