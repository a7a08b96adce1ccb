/**
 * Taint tracking for one run: does the model's context hold text that came from outside the
 * person (a web page, a tool's output, a retrieved document)? Once it does, an injected
 * instruction in that text may be steering the model, so every call that could act on the world
 * or send data away is confirmed by the person, whatever the tool's own settings say.
 * Stops prompt injection from turning into unconfirmed side effects or exfiltration (OWASP LLM01).
 * Pure functions: the loop keeps the state, the executor asks the person.
 */
import type { ChatMessage } from '../types';
import type { ApprovalReason, ToolRunner, ToolTraits } from '../tool-runner';
import type { ContextSection } from './turn-context';

/** Whether the context holds untrusted text, and where it came from. */
export interface Taint {
  readonly untrusted: boolean;
  /** What brought untrusted text in (tool names, section kinds, 'earlier turn'), each once. */
  readonly sources: readonly string[];
}

/** No outside text yet. */
export const CLEAN: Taint = Object.freeze({ untrusted: false, sources: Object.freeze([]) as readonly string[] });

/**
 * The marker `renderSections` writes on a section quoted from outside. Stored turn contexts are
 * repeated verbatim in later turns, so a later run recognises earlier untrusted material by it.
 */
export const UNTRUSTED_SECTION_MARK = 'trust="untrusted"';

function withSource(taint: Taint, source: string): Taint {
  if (taint.untrusted && taint.sources.includes(source)) return taint;
  return { untrusted: true, sources: taint.sources.includes(source) ? taint.sources : [...taint.sources, source] };
}

/** Traits of a tool as the loop sees them; runners without `traits` get the old behaviour. */
export function traitsOf(runner: ToolRunner, name: string): ToolTraits {
  if (runner.traits) return runner.traits(name);
  return { sideEffects: runner.requiresApproval(name), sendsData: false, trustedOutput: false };
}

/** The taint after a result of tool `name` entered the context. */
export function afterToolResult(taint: Taint, name: string, traits: ToolTraits): Taint {
  return traits.trustedOutput ? taint : withSource(taint, name);
}

/** The taint with these sources added (e.g. a caller's, inherited by an agent it runs as a tool). */
export function withSources(taint: Taint, sources: readonly string[]): Taint {
  let next = taint;
  for (const source of sources) next = withSource(next, source);
  return next;
}

/** The taint after a nested agent run's answer entered the context: its outside text taints this run too. */
export function afterNestedRun(taint: Taint, toolName: string, sources: readonly string[]): Taint {
  return withSources(taint, sources.map((source) => `${toolName}: ${source}`));
}

/** The taint after retrieved sections entered the context: only sections marked `untrusted` count. */
export function afterSections(taint: Taint, sections: readonly ContextSection[]): Taint {
  let next = taint;
  for (const section of sections) if (section.untrusted) next = withSource(next, section.kind || 'source');
  return next;
}

/**
 * The taint a run starts with, from the conversation so far: an earlier tool result (from a tool
 * whose output is not trusted) or an earlier turn's quoted outside material is still in the prompt.
 */
export function taintOfHistory(messages: readonly ChatMessage[], traits: (name: string) => ToolTraits): Taint {
  let taint = CLEAN;
  for (const message of messages) {
    if (message.role === 'tool') taint = afterToolResult(taint, message.name, traits(message.name));
    else if (message.role === 'user' && message.context?.includes(UNTRUSTED_SECTION_MARK)) taint = withSource(taint, 'earlier turn');
  }
  return taint;
}

/**
 * Why a call of a tool with these traits must be confirmed, given the taint (empty: it need not).
 * Side effects are always confirmed; a tool that can send data away is confirmed once the
 * context holds untrusted text, because its arguments may then carry what an injection asked for.
 */
export function confirmationReasons(traits: ToolTraits, taint: Taint): ApprovalReason[] {
  const reasons: ApprovalReason[] = [];
  if (traits.sideEffects) reasons.push('side-effects');
  if (taint.untrusted && (traits.sendsData || traits.sideEffects)) reasons.push('untrusted-context');
  return reasons;
}

/** True when a call of a tool with these traits needs the person's confirmation under this taint. */
export function requiresConfirmation(traits: ToolTraits, taint: Taint): boolean {
  return confirmationReasons(traits, taint).length > 0;
}
