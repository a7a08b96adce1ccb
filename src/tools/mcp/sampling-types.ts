/** Sampling as the app sees it: no SDK code, so the UI and the composition root can import it freely. */
import type { ChatEngine } from '../../core/types';

/** Which server is asking (shown to the person with its request). */
export interface McpRequester {
  /** The server's label (tool-name prefix) or, before the handshake named it, its origin. */
  name: string;
  origin: string;
}

/** A server's `sampling/createMessage`, as the person is shown it and as it runs: text only, exact. */
export interface McpSamplingRequest {
  server: McpRequester;
  messages: Array<{ role: 'user' | 'assistant'; text: string }>;
  systemPrompt?: string;
  maxTokens: number;
  temperature?: number;
  stopSequences?: string[];
  /** The server offered tools for the completion; they are never given to the model. */
  toolsRefused: boolean;
}

/** The completion's text, which model wrote it, and why it stopped. */
export interface McpSamplingCompletion {
  model: string;
  text: string;
  stopReason: 'endTurn' | 'maxTokens' | 'stopSequence';
}

/**
 * What the app does with a server's sampling request. `approve` (the person's "Allow once" or
 * "Deny") always runs first and alone decides whether `complete` runs at all.
 */
export interface McpSamplingHandlers {
  approve(request: Readonly<McpSamplingRequest>, signal: AbortSignal): Promise<boolean>;
  /**
   * Runs the approved request on `engine`, the engine of the run whose tool call it came during;
   * without one (no call of a run in flight), on the app's default engine.
   */
  complete(request: Readonly<McpSamplingRequest>, signal: AbortSignal, engine?: ChatEngine): Promise<McpSamplingCompletion>;
}

