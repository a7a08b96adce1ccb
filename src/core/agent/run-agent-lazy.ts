import type { AgentEvent } from './events';
import type { RunAgentOptions } from './options';

/**
 * `runAgent` loaded on the first run: the loop, every tool-call format and the grammar builder
 * are not needed to show the first screen, so the app shell imports this instead and the browser
 * fetches the loop when the person sends a message (the module is cached after that).
 */
export async function* runAgentLazily(options: RunAgentOptions): AsyncGenerator<AgentEvent, void> {
  const { runAgent } = await import('./run-agent');
  yield* runAgent(options);
}
