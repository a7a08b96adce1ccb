import { formats, type FormatName } from '../src/core/formats';
import { manyTools } from '../tests/support/many-tools';
import { runPrefixSession, type SessionTurn } from '../tests/support/prefix-session';

/** One scripted session: its turns, each making (steps - 1) tool calls and then answering. */
interface Session {
  name: string;
  turns: SessionTurn[];
}

const SESSIONS: Session[] = [
  {
    name: 'three_turns_multi_step',
    turns: [
      { question: 'What is the weather in Paris, Rome and Oslo?', domain: 'weather', steps: 4 },
      { question: 'And the stock price of ACME and its exchange rate in currency terms?', domain: 'stock', steps: 3 },
      { question: 'Translate the summary into French and German.', domain: 'translation', steps: 3 },
    ],
  },
  {
    name: 'five_turns_one_call_each',
    turns: [
      { question: 'weather in Paris?', domain: 'weather', steps: 2 },
      { question: 'and the stock price of ACME?', domain: 'stock', steps: 2 },
      { question: 'translate hello to French', domain: 'translation', steps: 2 },
      { question: 'news about robots', domain: 'news', steps: 2 },
      { question: 'currency rate EUR to JPY', domain: 'currency', steps: 2 },
    ],
  },
];

/** The text formats reported beside the Hermes figures (every one the agent speaks). */
const TEXT_FORMATS = Object.keys(formats) as FormatName[];

/**
 * `prefix_reuse`: over a scripted 10-request session with tool retrieval on (5 of 2,000 tools per
 * turn, Hermes text format, history carried with each turn's stored context), the share of each
 * request's prompt that repeats the previous request's prompt as an exact prefix — what a
 * prefix-caching engine (web-llm, vLLM) does not recompute. Characters stand in for tokens. Each
 * new turn lists only the tools not shown earlier (every text format does), so the prefix holds
 * across turns; a turn whose tools are all new still appends their full signatures, which bounds
 * the mean. `by_format` gives the same session's mean and breaks in every text format.
 */
export async function measurePrefixReuse(): Promise<Record<string, unknown>> {
  const tools = manyTools(2_000);
  const out: Record<string, unknown> = {};
  for (const session of SESSIONS) {
    const { perRequest, newChars, turnStarts, perRequestWithAnswers, breaks, budgetBreaks, answerBreaks } = await runPrefixSession(tools, session.turns);
    const within = perRequest.filter((_, index) => !turnStarts.includes(index));
    const across = perRequest.filter((_, index) => turnStarts.includes(index));
    const byFormat: Record<string, unknown> = {};
    for (const format of TEXT_FORMATS) {
      const run = await runPrefixSession(tools, session.turns, { mode: format });
      byFormat[format] = {
        mean: round(mean(run.perRequest)),
        mean_with_answers: round(mean(run.perRequestWithAnswers)),
        new_chars_mean: Math.round(mean(run.newChars)),
        breaks: run.breaks,
        answer_breaks: run.answerBreaks,
      };
    }
    out[session.name] = {
      requests: perRequest.length + 1,
      mean: round(mean(perRequest)),
      within_turn_mean: round(mean(within)),
      turn_start_mean: round(mean(across)),
      // Requests that did not start with the whole previous one; budget drops (the only allowed cause) apart.
      breaks,
      budget_breaks: budgetBreaks,
      // Against what the engine holds after a request: its prompt plus the answer it wrote.
      mean_with_answers: round(mean(perRequestWithAnswers)),
      // Requests that did not start with the previous prompt plus the model's own answer, byte for byte.
      answer_breaks: answerBreaks,
      per_request: perRequest.map(round),
      // What the ratios leave out: the characters each request adds after the shared prefix (the
      // text an engine re-reads), which a ratio hides when the prompt is short.
      new_chars: newChars,
      new_chars_mean: Math.round(mean(newChars)),
      by_format: byFormat,
    };
  }
  return out;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function round(value: number): number {
  return Number(value.toFixed(4));
}
