import type { RunAgentOptions } from '../../core/agent/options';
import type { ChatRunSetup } from './run-turn';

/** The loop's options for a run with `setup`, without the conversation, approval and signal: one mapping for chat turns and agents called as tools. */
export function runOptionsFrom(setup: ChatRunSetup): Omit<RunAgentOptions, 'messages'> {
  return {
    engine: setup.engine,
    tools: setup.tools,
    ...(setup.systemPrompt !== undefined ? { systemPrompt: setup.systemPrompt } : {}),
    ...(setup.toolMode !== undefined ? { toolMode: setup.toolMode } : {}),
    ...(setup.preferNativeTools ? { preferNativeTools: true } : {}),
    ...(setup.selectTools ? { selectTools: setup.selectTools } : {}),
    ...(setup.context ? { context: setup.context } : {}),
    ...(setup.countTokens ? { countTokens: setup.countTokens } : {}),
    ...(setup.contextBudget ? { contextBudget: setup.contextBudget } : {}),
    ...(setup.maxSteps !== undefined ? { maxSteps: setup.maxSteps } : {}),
    ...(setup.temperature !== undefined ? { temperature: setup.temperature } : {}),
    ...(setup.thinking !== undefined ? { thinking: setup.thinking } : {}),
    ...(setup.modelThinks === true ? { modelThinks: true } : {}),
    ...(setup.approvalPolicy ? { approvalPolicy: setup.approvalPolicy } : {}),
  };
}
