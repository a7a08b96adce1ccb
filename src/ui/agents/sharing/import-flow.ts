import { createSignal } from 'solid-js';
import type { AgentDefinition } from '../../../core/agent-definition';
import type { AgentImporter } from '../../../app/agents/import/agent-importer';
import type { AgentImportPlan } from '../../../app/agents/import/import-plan';
import { errorText } from '../../errors/error-text';
import type { ReviewChoice } from './import-review';
import { t } from './messages';

/**
 * The view state of one import, shared by the file input and the share-link dialog: the plan,
 * the person's choice per agent (nothing ticked at first), and adding or cancelling.
 */
export function createImportFlow(
  importer: () => AgentImporter,
  events: { onImported?: (agents: AgentDefinition[]) => void; /** After every agent was added, or on Cancel. */ onDone?: () => void } = {},
) {
  const [plan, setPlan] = createSignal<AgentImportPlan>();
  const [choices, setChoices] = createSignal<ReviewChoice[]>([]);
  const [busy, setBusy] = createSignal(false);
  const [status, setStatus] = createSignal<string>();
  const [error, setError] = createSignal<string>();

  /** Plans with `work`; the previous plan and messages go. */
  const start = async (work: (importer: AgentImporter) => Promise<AgentImportPlan>): Promise<void> => {
    setBusy(true);
    setPlan(undefined);
    setStatus(t('reading'));
    setError(undefined);
    try {
      const next = await work(importer());
      setChoices(next.agents.map(() => ({ confirmed: new Set<string>(), key: '' })));
      setPlan(next);
      setStatus(undefined);
    } catch (failure) {
      setStatus(undefined);
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const setChoice = (index: number, choice: ReviewChoice): void => {
    setChoices((current) => current.map((entry, position) => (position === index ? choice : entry)));
  };

  /** Adds every planned agent with its choice; on a failure the agents added before it stay, and the error is shown. */
  const confirm = async (): Promise<AgentDefinition[]> => {
    const current = plan();
    if (!current) return [];
    setBusy(true);
    setError(undefined);
    setStatus(t('adding'));
    const added: AgentDefinition[] = [];
    let done = false;
    try {
      for (const [index, imported] of current.agents.entries()) {
        const choice = choices()[index] ?? { confirmed: new Set<string>(), key: '' };
        added.push(await importer().add(imported, { confirmed: choice.confirmed, key: choice.key }));
      }
      setPlan(undefined);
      setStatus(t('added', { names: added.map((agent) => agent.name).join(', ') }));
      done = true;
    } catch (failure) {
      setStatus(undefined);
      setError(errorText(failure));
    } finally {
      setBusy(false);
      if (added.length > 0) events.onImported?.(added);
    }
    if (done) events.onDone?.();
    return added;
  };

  const cancel = (): void => {
    setPlan(undefined);
    setStatus(t('nothingAdded'));
    events.onDone?.();
  };

  return { plan, choices, setChoice, busy, status, error, start, confirm, cancel };
}

export type ImportFlow = ReturnType<typeof createImportFlow>;
