/** What retrieval reads of a tool: the OpenAI function shape, plus optional example requests. */
import { isRecord } from '../core/is-record';
export interface SearchableTool {
  name: string;
  description: string;
  /** JSON Schema of the arguments object. */
  parameters?: unknown;
  examples?: readonly { query: string }[];
}

/** `get_weather`, `getWeather` → `get weather`, so BM25 and embedders see words. */
export function splitIdentifier(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The text a tool is indexed by: its name as words, its description, each parameter's name,
 * description and allowed values, and its example requests. Dense and BM25 retrieval, the CLI and
 * the benchmark all index this same text, so their figures describe what the app does.
 */
export function toolSearchText(tool: SearchableTool): string {
  const parts = [splitIdentifier(tool.name), tool.description.trim()];
  for (const line of parameterLines(tool.parameters)) parts.push(line);
  for (const example of tool.examples ?? []) parts.push(example.query.trim());
  return parts.filter((part) => part.length > 0).join('\n');
}

function parameterLines(schema: unknown): string[] {
  if (!isRecord(schema) || !isRecord(schema.properties)) return [];
  const lines: string[] = [];
  for (const [name, property] of Object.entries(schema.properties)) {
    const words = [splitIdentifier(name)];
    if (isRecord(property)) {
      if (typeof property.description === 'string') words.push(property.description.trim());
      if (Array.isArray(property.enum)) words.push(property.enum.filter((value) => typeof value === 'string').join(', '));
    }
    lines.push(words.filter(Boolean).join(': '));
  }
  return lines;
}

