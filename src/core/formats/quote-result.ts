/**
 * Helpers that keep a tool result inside the block it is quoted in. A result is outside text (a
 * web page, a server's answer); if it could end its block or start a line the way the model's own
 * turn does (`Thought:`, `Action:`, `Final Answer:`), an injection could pose as the model's
 * reasoning or as the end of the data. Stops that by neutralising exactly those markers.
 */

/** Replaces every case-insensitive, whitespace-tolerant occurrence of the close tag `</name>` with an escaped form. */
export function escapeCloseTag(text: string, name: string): string {
  const escapedName = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`<\\s*/\\s*${escapedName}\\s*>`, 'gi'), `<\\/${name}>`);
}

/**
 * Prefixes lines that begin with one of `labels` followed by `:` (ReAct's `Thought:`, `Action:`,
 * `Action Input:`, `Observation:`, `Final Answer:`) with `> `, so quoted text cannot read as the
 * model's next step. Everything else is unchanged.
 */
export function defuseLineLabels(text: string, labels: readonly string[]): string {
  const alternatives = labels.map((label) => label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')).join('|');
  return text.replace(new RegExp(`^([ \\t]*)(${alternatives})([ \\t]*[:：])`, 'gim'), '$1> $2$3');
}

/** Replaces each of `markers` in `text` with `replacement(marker)`. */
export function replaceMarkers(text: string, markers: readonly string[], replacement: (marker: string) => string): string {
  let result = text;
  for (const marker of markers) result = result.split(marker).join(replacement(marker));
  return result;
}

/** The line labels of ReAct-style prompts. */
export const REACT_LABELS: readonly string[] = ['Thought', 'Action', 'Action Input', 'Observation', 'Final Answer'];
