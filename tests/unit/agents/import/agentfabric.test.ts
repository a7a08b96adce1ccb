/**
 * AgentFabric's builder_config.json → an agent: fields mapped, tools switched on mapped to their
 * nearest built-ins, a note for each without a counterpart, the hosted model kept as a note.
 */
import { describe, expect, it } from 'vitest';
import { planAgentImport } from '../../../../src/app/agents/import/plan-import';
import { importContext, textFile } from './import-context';

const builderConfig = {
  name: '武侠小说家',
  avatar: 'custom_bot_avatar.png',
  description: 'Writes wuxia stories with pictures',
  instruction: 'You run a text RPG set in Jin Yong novels. Draw each scene with the image tool.',
  prompt_recommend: ['扮演小龙女', '扮演杨过', '  '],
  knowledge: ['heroes.txt', 'swords.pdf'],
  tools: {
    image_gen: { name: 'Wanx Image Generation', is_active: true, use: true },
    code_interpreter: { name: 'Code Interpreter', is_active: true, use: true },
    web_search: { name: 'Web Searching', is_active: true, use: true, searcher: 'bing' },
    amap_weather: { name: '高德天气', is_active: true, use: false },
  },
  model: 'qwen-max',
};

describe('AgentFabric builder_config.json', () => {
  it('maps name, description, instruction, prompt_recommend and the tools in use', async () => {
    const plan = await planAgentImport([textFile('builder_config.json', JSON.stringify(builderConfig))], importContext());
    expect(plan.problems).toEqual([]);
    const [imported] = plan.agents;
    expect(imported?.format).toBe('agentfabric');
    expect(imported?.agent).toMatchObject({
      name: '武侠小说家',
      description: 'Writes wuxia stories with pictures',
      instructions: builderConfig.instruction,
      starterPrompts: ['扮演小龙女', '扮演杨过'],
      engine: { kind: 'default' },
      tools: [
        { kind: 'tool', name: 'model_api' },
        { kind: 'tool', name: 'run_javascript' },
      ],
    });
  });

  it('notes each mapping, each tool without a counterpart, the knowledge files, the avatar file and the hosted model', async () => {
    const plan = await planAgentImport([textFile('builder_config.json', JSON.stringify(builderConfig))], importContext());
    const notes = plan.agents[0]?.notes ?? [];
    expect(notes).toContainEqual({ kind: 'tool-mapped', from: 'Wanx Image Generation (image_gen)', to: 'model_api' });
    expect(notes).toContainEqual({ kind: 'tool-mapped', from: 'Code Interpreter (code_interpreter)', to: 'run_javascript' });
    expect(notes).toContainEqual({ kind: 'tool-unmapped', tool: 'Web Searching (web_search)' });
    expect(notes.some((note) => note.kind === 'tool-unmapped' && note.tool.includes('amap_weather'))).toBe(false);
    expect(notes).toContainEqual({ kind: 'knowledge-files', files: ['heroes.txt', 'swords.pdf'] });
    expect(notes).toContainEqual({ kind: 'avatar-file', file: 'custom_bot_avatar.png' });
    expect(notes).toContainEqual({ kind: 'hosted-model', model: 'qwen-max' });
  });

  it('asks before the data-sending image tool and not before the sandbox', async () => {
    const plan = await planAgentImport([textFile('builder_config.json', JSON.stringify(builderConfig))], importContext());
    expect(plan.agents[0]?.confirmations).toEqual([{ id: 'tool:model_api', kind: 'tool', name: 'model_api', reason: 'sends-data' }]);
  });

  it('keeps an emoji avatar and starts from the defaults when fields are missing', async () => {
    const plan = await planAgentImport([textFile('builder_config.json', JSON.stringify({ avatar: '🐉', instruction: 'Hi', tools: {} }))], importContext());
    expect(plan.agents[0]?.agent).toMatchObject({ name: 'AgentFabric agent', avatar: { kind: 'emoji', emoji: '🐉' }, tools: [], starterPrompts: [] });
  });

  it('takes a multi-part emoji as one avatar and a longer text as a file name', async () => {
    const plan = await planAgentImport(
      [textFile('a.json', JSON.stringify({ avatar: '👩‍💻', instruction: '' })), textFile('b.json', JSON.stringify({ avatar: '🐉🐉', instruction: '' }))],
      importContext(),
    );
    expect(plan.agents[0]?.agent.avatar).toEqual({ kind: 'emoji', emoji: '👩‍💻' });
    expect(plan.agents[1]?.notes).toContainEqual({ kind: 'avatar-file', file: '🐉🐉' });
  });

  it('refuses a config whose fields have the wrong types, naming the field', async () => {
    const plan = await planAgentImport([textFile('builder_config.json', JSON.stringify({ ...builderConfig, prompt_recommend: 'one' }))], importContext());
    expect(plan.agents).toEqual([]);
    expect(plan.problems).toEqual([expect.objectContaining({ file: 'builder_config.json', reason: 'bad-shape', message: expect.stringContaining('prompt_recommend') as unknown })]);
  });
});
