import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DatasetError, loadDataset } from '../../../src/eval/dataset';
import { normalizeBfclSchema } from '../../../src/eval/import/bfcl-schema';
import { bfclAnswers, bfclQuestions, loadBfcl, msagentSample, ourSample } from './fixtures';

function errorOf(run: () => unknown): DatasetError {
  try {
    run();
  } catch (error) {
    if (error instanceof DatasetError) return error;
    throw error;
  }
  throw new Error('expected a DatasetError');
}

describe('our JSONL format', () => {
  it('loads the sample and round-trips through JSONL', () => {
    const dataset = loadDataset(readFileSync(ourSample, 'utf8'));
    expect(dataset.kind).toBe('tabagent');
    expect(dataset.examples.map((example) => example.id)).toEqual(['weather-1', 'greeting-1', 'convert-1']);
    expect(dataset.examples[0]?.acceptable).toEqual([{ city: ['Paris', 'Paris, France'], unit: ['celsius', ''] }]);
    expect(loadDataset(dataset.examples.map((example) => JSON.stringify(example)).join('\n')).examples).toEqual(dataset.examples);
  });

  it('names the line and the field of bad input', () => {
    const good = JSON.stringify({ id: 'a', tools: [], messages: [{ role: 'user', content: 'hi' }], gold: { text: 'hello' } });
    const badName = JSON.stringify({ id: 'b', tools: [], messages: [], gold: { calls: [{ name: 7, arguments: {} }] } });
    expect(errorOf(() => loadDataset(`${good}\n\n${badName}\n`)).message).toBe('line 3, field "gold.calls[0].name": expected a string, got number 7');
    const badRole = JSON.stringify({ id: 'c', tools: [], messages: [{ role: 'robot', content: '' }], gold: { text: '' } });
    expect(errorOf(() => loadDataset(`${good}\n${badRole}`)).message).toMatch(/^line 2, field "messages\[0\]\.role": expected system/);
    expect(errorOf(() => loadDataset(`${good}\n{oops`)).message).toMatch(/^line 2: not valid JSON/);
    const noGold = JSON.stringify({ id: 'd', tools: [], messages: [] });
    expect(errorOf(() => loadDataset(`${good}\n${noGold}`)).field).toBe('gold');
    const badAcceptable = JSON.stringify({ id: 'e', tools: [], messages: [], gold: { calls: [] }, acceptable: [{}] });
    expect(errorOf(() => loadDataset(`${good}\n${badAcceptable}`)).message).toMatch(/field "acceptable": expected one entry per gold call/);
    expect(errorOf(() => loadDataset(`${good}\n${good}`)).message).toMatch(/duplicate example id "a"/);
  });

  it('refuses unknown records and a BFCL answer file given as data', () => {
    expect(errorOf(() => loadDataset('{"foo": 1}')).line).toBe(1);
    expect(errorOf(() => loadDataset(readFileSync(bfclAnswers, 'utf8'))).message).toMatch(/possible-answer file/);
    expect(errorOf(() => loadDataset('\n\n')).message).toMatch(/no examples/);
  });
});

describe('BFCL import', () => {
  it('joins questions and possible answers by id', () => {
    const { kind, examples } = loadBfcl();
    expect(kind).toBe('bfcl');
    expect(examples.map((example) => example.id)).toEqual([
      'simple_0', 'simple_1', 'simple_2', 'multiple_0', 'parallel_0', 'parallel_multiple_0', 'irrelevance_0',
    ]);
    const simple = examples[0];
    expect(simple?.messages).toEqual([{ role: 'user', content: 'Find the area of a triangle with a base of 10 units and height of 5 units.' }]);
    // The first non-"" accepted value is the gold value; the lists are kept as accepted values.
    expect(simple?.gold).toEqual({ calls: [{ name: 'calculate_triangle_area', arguments: { base: 10, height: 5, unit: 'units' } }] });
    expect(simple?.acceptable).toEqual([{ base: [10], height: [5], unit: ['units', ''] }]);
    // An argument accepting only "" has no gold value.
    expect(examples[2]?.gold).toEqual({ calls: [{ name: 'statistics_mean', arguments: { numbers: [1.5, 2.5, 3.0] } }] });
    expect(examples[4]?.gold).toEqual({
      calls: [
        { name: 'spotify_play', arguments: { artist: 'Taylor Swift', duration: 20 } },
        { name: 'spotify_play', arguments: { artist: 'Maroon 5', duration: 15 } },
      ],
    });
    expect(examples[6]?.gold).toEqual({ calls: [] });
  });

  it('rewrites dotted names and BFCL types as JSON Schema', () => {
    const { examples } = loadBfcl();
    expect(examples[1]?.tools[0]?.name).toBe('math_factorial');
    expect(examples[2]?.tools[0]?.parameters).toEqual({
      type: 'object',
      properties: {
        numbers: { type: 'array', items: { type: 'number' }, description: 'The numbers to average.' },
        precision: { type: 'integer', description: 'Decimal places to round to. Default is 2.', default: 2 },
      },
      required: ['numbers'],
    });
    expect(examples[3]?.tools.map((tool) => tool.name)).toEqual(['triangle_properties_get', 'circle_properties_get']);
    expect(normalizeBfclSchema({ type: 'dict', properties: { t: { type: 'tuple', items: { type: 'any' } }, s: { type: 'String' } } })).toEqual({
      type: 'object',
      properties: { t: { type: 'array', items: {} }, s: { type: 'string' } },
    });
  });

  it('says which question has no answer', () => {
    const error = errorOf(() => loadDataset(readFileSync(bfclQuestions, 'utf8')));
    expect(error.message).toMatch(/^line 1, field "id": no possible answer with id "simple_0"/);
  });
});

describe('MSAgent-Bench import', () => {
  it('makes one example per assistant turn, with the history before it', () => {
    const { kind, examples } = loadDataset(readFileSync(msagentSample, 'utf8'));
    expect(kind).toBe('msagent');
    expect(examples.map((example) => example.id)).toEqual(['MS_Agent_Bench_0:2', 'MS_Agent_Bench_0:4', 'MS_Agent_Bench_1:2']);
    const [address, thanks, speech] = examples;

    expect(address?.tools.map((tool) => tool.name)).toEqual(['modelscope_text-address', 'modelscope_speech-generation']);
    expect(address?.tools[0]?.parameters).toEqual({
      type: 'object',
      properties: { text: { type: 'string', description: '用户输入的地址信息' } },
      required: ['text'],
    });
    expect(address?.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(address?.gold).toEqual({ calls: [{ name: 'modelscope_text-address', arguments: { text: '浙江省杭州市余杭区文一西路969号' } }] });
    expect(address?.toolResults).toEqual([
      { name: 'modelscope_text-address', content: '{"prov": "浙江省", "city": "杭州市", "district": "余杭区", "road": "文一西路", "roadno": "969号"}' },
    ]);
    expect(address?.finalAnswer).toBe('地址识别结果为：省份是浙江省，城市是杭州市，区县是余杭区，道路是文一西路969号。');

    // The second turn sees the first one whole: call, result, answer.
    expect(thanks?.gold).toEqual({ text: '不客气，很高兴能帮到你。' });
    expect(thanks?.messages.map((message) => message.role)).toEqual(['system', 'user', 'assistant', 'tool', 'assistant', 'user']);
    const call = thanks?.messages[2];
    expect(call?.role === 'assistant' && call.content).toBe('好的，我来帮你解析这个地址。');
    expect(call?.role === 'assistant' && call.toolCalls?.map((toolCall) => toolCall.name)).toEqual(['modelscope_text-address']);

    // Older schema objects (name/paths) declare tools too; two calls before the results are one step.
    expect(speech?.tools.map((tool) => tool.name)).toEqual(['modelscope_speech-generation']);
    expect(speech?.gold).toEqual({
      calls: [
        { name: 'modelscope_speech-generation', arguments: { text: '今天天气真好', gender: 'man' } },
        { name: 'modelscope_speech-generation', arguments: { text: '今天天气真好', gender: 'woman' } },
      ],
    });
    expect(speech?.toolResults?.map((result) => result.content)).toEqual([
      '{"result": "<audio id=audio controls= preload=none> <source id=wav src=man.wav> </audio>"}',
      '{"result": "<audio id=audio controls= preload=none> <source id=wav src=woman.wav> </audio>"}',
    ]);
    expect(speech?.finalAnswer).toBe('好的，已为你分别生成了男声和女声的朗读。');
  });

  it('reads conversations given as a string (JSON or a Python literal)', () => {
    const turns = "[{'from': 'user', 'value': 'hi'}, {'from': 'assistant', 'value': 'hello'}]";
    const { examples } = loadDataset(JSON.stringify({ id: 'py', conversations: turns }));
    expect(examples).toEqual([{ id: 'py:1', tools: [], messages: [{ role: 'user', content: 'hi' }], gold: { text: 'hello' } }]);
  });

  it('names the line of a bad turn', () => {
    const error = errorOf(() => loadDataset('{"id": "x", "conversations": [{"from": "robot", "value": "hi"}]}'));
    expect(error.message).toBe('line 1, field "conversations[0].from": unknown speaker "robot"');
  });
});
