import { createStore, reconcile, unwrap, type SetStoreFunction } from 'solid-js/store';
import { TOOLS_PER_TURN_LIMITS } from '../../app/agents/agent-pins';
import type { AgentDefinition } from '../../core/agent-definition';

/** The unsaved agent the editor, its preview and the agent builder share (a Solid store). */
export interface AgentDraft {
  /** The draft, reactive field by field. */
  readonly value: AgentDefinition;
  /** Changes fields (the form's inputs). */
  set: SetStoreFunction<AgentDefinition>;
  /** Replaces the whole draft, changing only what differs (the builder's tools, a load). */
  replace(next: AgentDefinition): void;
  /** A plain, deep copy without empty optional fields: what is saved and what a run gets. */
  snapshot(): AgentDefinition;
}

/** A draft starting as a copy of `initial`. */
export function createAgentDraft(initial: AgentDefinition): AgentDraft {
  const [value, set] = createStore<AgentDefinition>(structuredClone(initial));
  return {
    value,
    set,
    replace: (next) => set(reconcile(structuredClone(next))),
    snapshot: () => {
      const copy = structuredClone(unwrap(value));
      // An emptied optional field means "the default": leave it out rather than store `undefined`.
      if (copy.temperature === undefined) delete copy.temperature;
      if (copy.thinking === undefined) delete copy.thinking;
      if (copy.toolsPerTurn === undefined) delete copy.toolsPerTurn;
      if (copy.builtIn !== true) delete copy.builtIn;
      return copy;
    },
  };
}

/** Bounds the editor enforces (the model's own limits are checked when it runs). */
export const AGENT_LIMITS = { nameMax: 80, stepMin: 1, stepMax: 50, temperatureMin: 0, temperatureMax: 2 } as const;

/** One reason the draft cannot be saved: a message key of the Agents page and its parameters. */
export type DraftProblem =
  | { key: 'nameRequired' }
  | { key: 'nameTooLong'; params: { max: number } }
  | { key: 'stepLimitRange'; params: { min: number; max: number } }
  | { key: 'temperatureRange'; params: { min: number; max: number } }
  | { key: 'toolsPerTurnRange'; params: { min: number; max: number } }
  | { key: 'serverIncomplete' }
  | { key: 'localIncomplete' };

/** What keeps `agent` from being saved; empty when it can be. */
export function draftProblems(agent: AgentDefinition): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const name = agent.name.trim();
  if (!name) problems.push({ key: 'nameRequired' });
  else if (name.length > AGENT_LIMITS.nameMax) problems.push({ key: 'nameTooLong', params: { max: AGENT_LIMITS.nameMax } });
  if (!Number.isInteger(agent.stepLimit) || agent.stepLimit < AGENT_LIMITS.stepMin || agent.stepLimit > AGENT_LIMITS.stepMax)
    problems.push({ key: 'stepLimitRange', params: { min: AGENT_LIMITS.stepMin, max: AGENT_LIMITS.stepMax } });
  const temperature = agent.temperature;
  if (temperature !== undefined && !(temperature >= AGENT_LIMITS.temperatureMin && temperature <= AGENT_LIMITS.temperatureMax))
    problems.push({ key: 'temperatureRange', params: { min: AGENT_LIMITS.temperatureMin, max: AGENT_LIMITS.temperatureMax } });
  const perTurn = agent.toolsPerTurn;
  if (perTurn !== undefined && !(Number.isInteger(perTurn) && perTurn >= TOOLS_PER_TURN_LIMITS.min && perTurn <= TOOLS_PER_TURN_LIMITS.max))
    problems.push({ key: 'toolsPerTurnRange', params: { ...TOOLS_PER_TURN_LIMITS } });
  const engine = agent.engine;
  if (engine.kind === 'server' && (!/^https?:\/\/\S+$/i.test(engine.baseUrl.trim()) || !engine.model.trim())) problems.push({ key: 'serverIncomplete' });
  if (engine.kind === 'local' && !engine.modelId.trim()) problems.push({ key: 'localIncomplete' });
  return problems;
}
