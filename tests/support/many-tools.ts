import type { ToolDefinition } from '../../src/core/types';

const DOMAINS = [
  ['weather', 'the weather forecast (temperature, rain, wind) for a city'],
  ['stock', 'the latest stock price and daily change of a ticker symbol'],
  ['calendar', 'events in the person\'s calendar for a date range'],
  ['email', 'email messages in a mailbox folder'],
  ['translation', 'a translation of text into another language'],
  ['currency', 'the exchange rate between two currencies'],
  ['flight', 'flight status by flight number'],
  ['recipe', 'recipes that use the given ingredients'],
  ['news', 'news headlines about a topic'],
  ['map', 'driving directions between two addresses'],
] as const;
const ACTIONS = ['get', 'list', 'search', 'summarize', 'export', 'watch', 'compare', 'archive', 'count', 'explain'] as const;

/**
 * `count` distinct, plausible tools (domain × action × provider), for retrieval at scale: only
 * the domain's words tie a tool to a request, as in a real library where many tools overlap.
 */
export function manyTools(count: number): ToolDefinition[] {
  const tools: ToolDefinition[] = [];
  for (let index = 0; tools.length < count; index += 1) {
    const [domain, what] = DOMAINS[index % DOMAINS.length] as (typeof DOMAINS)[number];
    const action = ACTIONS[Math.floor(index / DOMAINS.length) % ACTIONS.length] as string;
    const provider = Math.floor(index / (DOMAINS.length * ACTIONS.length));
    tools.push({
      name: `${action}_${domain}_p${provider}`,
      description: `${action[0]?.toUpperCase()}${action.slice(1)} ${what}, from provider ${provider}.`,
      parameters: { type: 'object', properties: { query: { type: 'string', description: `What ${domain} to ${action}` } }, required: ['query'] },
    });
  }
  return tools;
}
