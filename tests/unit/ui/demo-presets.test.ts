import { describe, expect, it } from 'vitest';
import { chunkDocument, extractMarkdown } from '../../../src/knowledge';
import { defaultSettings } from '../../../src/store';
import { builtinManifests } from '../../../src/tools/builtins';
import { importOpenApi } from '../../../src/tools/openapi';
import type { Message } from '../../../src/ui/i18n';
import { demoDocuments, openMeteoDocument } from '../../../src/app/demos/demo-assets';
import { demoAgent, demoAgentId } from '../../../src/app/demos/demo-agents';
import { builtInAgents, isBuiltInAgentId } from '../../../src/app/agents/built-in-agents';
import { t } from '../../../src/ui/demos/messages';
import { demoPresets, isModelApiReadyForImages, MCP_DEMO_URL, OPENAPI_DEMO_TOOLS } from '../../../src/ui/demos/presets';
import { mcpToolsHash, mcpUrlFromHash } from '../../../src/ui/demos/tools-link';
import { t as tryDemo } from '../../../src/ui/demos/try-demo-messages';

const HAN = /\p{Script=Han}/u;
const PARAMS = new Proxy({} as Record<string, string>, { get: (_target, key) => `«${String(key)}»` });
const render = (message: Message): string => (typeof message === 'function' ? message(PARAMS) : message);
const parameters = (text: string): string[] => [...text.matchAll(/«(\w+)»/g)].map((match) => match[1] ?? '').sort();

describe('demo presets', () => {
  it('are the six demos of issue #8, each with a unique id', () => {
    expect(demoPresets.map((preset) => preset.id)).toEqual(['calculator', 'documents', 'mcp', 'openapi', 'modelApi', 'memory']);
  });

  it('switch on only tools that exist: built-ins by name, the OpenAPI demo’s from its bundled document', async () => {
    const builtins = new Set(builtinManifests.map((manifest) => manifest.name));
    for (const preset of demoPresets.filter((candidate) => candidate.setup !== 'openapi')) {
      for (const name of preset.tools) expect(builtins.has(name), `${preset.id}: ${name}`).toBe(true);
    }
    const imported = await importOpenApi(openMeteoDocument.text);
    expect(imported.map((manifest) => manifest.name)).toEqual([...OPENAPI_DEMO_TOOLS]);
    // Read-only calls that may reach only Open-Meteo's own servers, with no key.
    expect(imported.map((manifest) => manifest.allowedOrigins)).toEqual([['https://geocoding-api.open-meteo.com'], ['https://api.open-meteo.com']]);
    expect(imported.every((manifest) => !manifest.sideEffects && (manifest.secrets ?? []).length === 0)).toBe(true);
    expect(imported[1]?.parameters.required).toEqual(['latitude', 'longitude']);
  });

  it('have a title, summary and first message in English and Chinese', () => {
    for (const preset of demoPresets) {
      for (const part of ['Title', 'Summary', 'Prompt'] as const) {
        const key = `${preset.id}${part}` as const;
        const english = render(t.table.en[key]);
        const chinese = render(t.table.zh[key]);
        expect(english.trim(), key).not.toBe('');
        expect(HAN.test(chinese), `${key} in Chinese: ${chinese}`).toBe(true);
        expect(chinese).not.toBe(english);
      }
    }
  });

  for (const [name, table] of Object.entries({ demos: t.table, 'try-demo': tryDemo.table })) {
    it(`${name} messages: Chinese has exactly the English keys, really translated, with the same parameters`, () => {
      expect(Object.keys(table.zh).sort()).toEqual(Object.keys(table.en).sort());
      for (const key of Object.keys(table.en)) {
        const english = render((table.en as Record<string, Message>)[key]!);
        const chinese = render((table.zh as Record<string, Message>)[key]!);
        expect(chinese, key).not.toBe(english);
        expect(HAN.test(chinese), `${key}: ${chinese}`).toBe(true);
        expect(parameters(chinese), key).toEqual(parameters(english));
      }
    });
  }

  it('are read-only built-in agents that offer and pin exactly their tools, with instructions and the first message as a starter', () => {
    for (const language of ['en', 'zh'] as const) {
      const builtIns = builtInAgents(language);
      for (const preset of demoPresets) {
        const agent = demoAgent(preset.id, language);
        expect(agent.id).toBe(demoAgentId(preset.id));
        expect(isBuiltInAgentId(agent.id, builtIns), agent.id).toBe(true);
        expect(agent.builtIn).toBe(true);
        expect(agent.instructions.trim(), preset.id).not.toBe('');
        expect(agent.starterPrompts).toEqual([render(t.table[language][`${preset.id}Prompt`])]);
        expect(agent.pinnedTools).toEqual([...preset.tools]);
        expect(agent.tools.filter((ref) => ref.kind === 'tool').map((ref) => (ref.kind === 'tool' ? ref.name : ''))).toEqual([...preset.tools]);
      }
    }
    // The MCP demo offers whatever servers the person connects.
    expect(demoAgent('mcp', 'en').tools).toEqual([{ kind: 'all-tools' }]);
    // A fresh copy each time: changing one cannot change the constants.
    demoAgent('calculator', 'en').pinnedTools.push('x');
    expect(demoAgent('calculator', 'en').pinnedTools).not.toContain('x');
  });

  it('speak the interface language: Chinese description, instructions and starter prompt, the same name, id and tools', () => {
    for (const preset of demoPresets) {
      const [english, chinese] = [demoAgent(preset.id, 'en'), demoAgent(preset.id, 'zh')];
      for (const text of [chinese.description, chinese.instructions, chinese.starterPrompts[0] ?? '']) expect(HAN.test(text), `${preset.id}: ${text}`).toBe(true);
      expect(HAN.test(english.instructions), preset.id).toBe(false);
      expect({ ...chinese, description: '', instructions: '', starterPrompts: [] }).toEqual({ ...english, description: '', instructions: '', starterPrompts: [] });
    }
    // The Chinese system prompts the demos sent before they became agents.
    expect(demoAgent('calculator', 'zh').instructions).toBe('你是 Tabagent。每次计算都使用 calculator 工具，单位换算使用 unit_convert，日期和时间使用 current_time；不要心算。请用结果简短作答。');
  });

  it('ask for the model_api endpoint until it can make images', () => {
    const settings = defaultSettings();
    expect(isModelApiReadyForImages(settings)).toBe(false);
    settings.modelApi = { baseUrl: 'https://api.example.com/v1', model: 'gpt-4o-mini', imageModel: '', apiKey: '' };
    expect(isModelApiReadyForImages(settings)).toBe(false);
    settings.modelApi.imageModel = 'gpt-image-1';
    expect(isModelApiReadyForImages(settings)).toBe(true);
  });

  it('open the Tools page with the MCP URL in the hash, and read back only http(s) addresses', () => {
    const hash = mcpToolsHash(MCP_DEMO_URL);
    expect(hash.startsWith('#/tools?')).toBe(true);
    expect(mcpUrlFromHash(hash)).toBe(MCP_DEMO_URL);
    expect(mcpUrlFromHash('#/tools')).toBeUndefined();
    expect(mcpUrlFromHash(`#/tools?mcp=${encodeURIComponent('javascript:alert(1)')}`)).toBeUndefined();
  });
});

describe('the sample documents', () => {
  it('are the same guide in English and Chinese, split at the same headings', () => {
    const [english, chinese] = demoDocuments.map((document) => extractMarkdown(document.text));
    const headings = (blocks: ReturnType<typeof extractMarkdown>['blocks']) => blocks.filter((block) => block.kind === 'heading').length;
    expect(headings(english!.blocks)).toBeGreaterThanOrEqual(7);
    expect(headings(chinese!.blocks)).toBe(headings(english!.blocks));
  });

  it('answer the documents demo’s question in a passage under its own heading', () => {
    for (const [document, needle] of [
      [demoDocuments[0]!, 'To allow an API that strict mode blocks'],
      [demoDocuments[1]!, '要放行被严格模式拦截的 API'],
    ] as const) {
      const chunks = chunkDocument(extractMarkdown(document.text).blocks);
      const answer = chunks.find((chunk) => chunk.text.includes(needle));
      expect(answer?.heading, document.name).toMatch(/Network and privacy|网络与隐私/);
    }
  });
});
