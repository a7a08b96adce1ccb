import type { AgentEvent } from '../core/agent/events';
import type { RunAgentOptions } from '../core/agent/options';
import type { ProviderPreset } from '../llm';
import type { OpenTabagentDbOptions, Settings, TabagentDb } from '../store';
import type { ChatRunSetup } from './chat/chat-controller';
import type { EmbeddingService } from './embedding/embedding-service';
import type { LocalModelServices } from './models/model-services';

/** A tool as the settings panel lists it. */
export interface ToolInfo {
  name: string;
  description: string;
}

/** A provider the settings panel offers: picking it fills in the base URL (and a model when none is set). */
export type ProviderPresetOption = Pick<ProviderPreset, 'id' | 'label' | 'baseUrl' | 'exampleModel'> &
  Partial<Pick<ProviderPreset, 'needsKey'>>;

/**
 * Everything the app needs from outside the UI. `main.tsx` passes the real ones; tests pass
 * scripted stand-ins, so the UI never imports an engine or the tool library itself.
 */
export interface AppServices {
  runAgent: (options: RunAgentOptions) => AsyncIterable<AgentEvent>;
  openDb: (options: OpenTabagentDbOptions) => Promise<TabagentDb>;
  /** Engine and tools for a run with these settings; throws TabagentError('config') when incomplete. */
  prepareRun: (settings: Settings) => ChatRunSetup | Promise<ChatRunSetup>;
  /** The tools the settings panel can switch on and off. */
  tools: () => ToolInfo[];
  providerPresets: () => ProviderPresetOption[];
  /** Local models (the Models page); absent where the app offers only servers (e.g. tests). */
  models?: LocalModelServices;
  /** The shared embedding model (tool retrieval, memories, knowledge); absent: keyword retrieval only. */
  embedding?: EmbeddingService;
}
