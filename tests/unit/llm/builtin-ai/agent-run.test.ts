/** An agent run through the built-in engine: the constraint is offered, the call runs, the session is reused. */
import { describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../../src/core/agent/events';
import { runAgent } from '../../../../src/core/agent/run-agent';
import { isTextOrCallSchema } from '../../../../src/core/grammar';
import type { JsonSchema } from '../../../../src/core/types';
import { createBuiltinAiEngine } from '../../../../src/llm/builtin-ai';
import { createFakeLanguageModel } from '../../../support/fake-language-model';
import { createFakeToolRunner } from '../../../support/fake-tool-runner';

describe('an agent run on the built-in model', () => {
  it('calls a tool through the text-or-call constraint and answers with its result', async () => {
    const fake = createFakeLanguageModel({
      answers: [
        ['{"name": "get_weather", ', '"arguments": {"city": "Paris"}}'],
        (input) => [`{"text": "In Paris it is ${input.at(-1)?.content.includes('sunny') ? 'sunny' : 'unknown'}."}`],
      ],
    });
    const tools = createFakeToolRunner([
      {
        definition: {
          name: 'get_weather',
          description: 'Weather for a city.',
          parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
        run: async (args) => ({ city: args.city, sky: 'sunny' }),
      },
    ]);
    const engine = createBuiltinAiEngine({ languageModel: fake });
    const events: AgentEvent[] = [];
    for await (const event of runAgent({ engine, tools, messages: [{ role: 'user', content: 'Weather in Paris?' }] })) events.push(event);

    const constraint = fake.prompts[0]?.options.responseConstraint as JsonSchema | undefined;
    expect(constraint && isTextOrCallSchema(constraint)).toBe(true);
    expect(JSON.stringify(constraint)).toContain('"const":"get_weather"');
    expect(tools.runs).toEqual([expect.objectContaining({ name: 'get_weather', arguments: { city: 'Paris' } })]);
    const finish = events.find((event) => event.type === 'finish');
    expect(finish?.type === 'finish' && finish.text).toBe('In Paris it is sunny.');
    // The tool result went to the same session as one new user message: the system text and first turn were not sent again.
    expect(fake.prompts.map((call) => call.session)).toEqual([fake.prompts[0]?.session, fake.prompts[0]?.session]);
    expect(fake.prompts[1]?.input).toHaveLength(1);
    expect(fake.prompts[1]?.input[0]?.role).toBe('user');
    expect(fake.prompts[1]?.input[0]?.content).toContain('sunny');
    const system = fake.creates.at(-1)?.initialPrompts?.[0];
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('get_weather');
  });
});
