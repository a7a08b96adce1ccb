/**
 * A stand-in "model" for trying `npm run eval` without a GPU: the OpenAI-compatible test server
 * (tests/support) answering the bundled sample (src/ui/eval/sample.jsonl) with a plausible mix of
 * right and wrong answers, so every metric has something to say. docs/eval.md shows a run on it.
 *
 *   node --import tsx scripts/eval-demo-server.ts          # prints the base URL, runs until Ctrl-C
 *   npm run eval -- --data src/ui/eval/sample.jsonl --base-url <URL> --model demo --format auto
 */
import { readFileSync } from 'node:fs';
import { loadDataset } from '../src/eval/dataset';
import { goldCalls } from '../src/eval/types';
import { startOpenAITestServer, type Reply } from '../tests/support/openai-test-server';

const { examples } = loadDataset(readFileSync(new URL('../src/ui/eval/sample.jsonl', import.meta.url), 'utf8'));

/** Per example: what the demo model gets wrong (anything not listed is answered with the gold answer). */
const mistakes: Record<string, { first?: Reply; followUp?: string }> = {
  // Right call, a paraphrased final answer (ROUGE-L below 1).
  'weather-paris': { followUp: "It's 18 °C and clear in Paris right now." },
  // Only one of the two parallel calls: Action EM fails, Argument F1 = 2/3.
  'weather-two-cities': { first: { kind: 'tool-calls', calls: [{ name: 'get_weather', arguments: { city: 'Tokyo' } }] } },
  // One wrong argument of three: Argument F1 = 2/3.
  'convert-follow-up': { first: { kind: 'tool-calls', calls: [{ name: 'convert_currency', arguments: { amount: 250, from: 'GBP', to: 'USD' } }] } },
  // The call written as text with damaged JSON (a trailing comma): read after repair, not well formed.
  'calculator-zh': { first: { kind: 'text', text: '<tool_call>\n{"name": "calculator", "arguments": {"expression": "23 * 17",}}\n</tool_call>' } },
  // A different greeting than the reference.
  thanks: { first: { kind: 'text', text: "You're welcome! Have a nice day." } },
  // Calls a tool that does not exist where no call was wanted.
  'haiku-no-call': { first: { kind: 'tool-calls', calls: [{ name: 'write_poem', arguments: { topic: 'autumn leaves' } }] } },
};

const server = await startOpenAITestServer({
  model: 'demo',
  respond(request): Reply {
    const messages = request.body.messages;
    const question = messages.findLast((message) => message.role === 'user')?.content ?? '';
    const example = examples.find((candidate) => candidate.messages.findLast((message) => message.role === 'user')?.content === question);
    if (!example) return { kind: 'text', text: 'I do not know.' };
    const mistake = mistakes[example.id];
    if (messages.at(-1)?.role === 'tool') return { kind: 'text', text: mistake?.followUp ?? example.finalAnswer ?? '' };
    if (mistake?.first) return mistake.first;
    if ('text' in example.gold) return { kind: 'text', text: example.gold.text };
    const calls = goldCalls(example.gold);
    return calls.length > 0 ? { kind: 'tool-calls', calls } : { kind: 'text', text: 'Here is a haiku…' };
  },
});
process.stdout.write(`${server.url}\n`);
process.once('SIGINT', () => void server.close().then(() => process.exit(0)));
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
