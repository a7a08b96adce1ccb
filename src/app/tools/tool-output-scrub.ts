/**
 * How the app's tool executors scrub what tools return, defined once: the network door's `redact`
 * removes secret values (raw, percent-, form-, base64-, JSON-escaped, case-changed) from every
 * result and error text before the model, the transcript or a log sees them, and confirmations name
 * a secret by its label. Stops a tool — a library tool or a run's own tool (memory, agent-as-tool,
 * the agent builder's) — from echoing a key into the prompt.
 */
import type { AppNetwork } from '../../net/app-network';
import type { ToolExecutorOptions } from '../../tools';

/** The executor options every tool executor of the app gets (none without the door: tests with stubs). */
export function toolScrubbing(network: AppNetwork | undefined): Pick<ToolExecutorOptions, 'redactOutput' | 'describeSecret'> {
  return network ? { describeSecret: network.secretLabel, redactOutput: network.door.redact } : {};
}
