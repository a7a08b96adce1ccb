/**
 * The page's own JavaScript holds no engine library: web-llm's runtime and transformers.js load only
 * inside their workers (issue 15, item 5). Builds the app with its real Vite config (without the
 * service worker step, which adds nothing to the graph) and walks the chunk graph from the entry
 * through static AND dynamic imports: everything the page could ever load. Worker bundles are
 * separate builds, emitted as assets, so they are not part of this graph.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, loadConfigFromFile, type InlineConfig, type Plugin, type PluginOption } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initialModules, reachableModules, workerAssets, type BuildOutput } from './chunk-graph';

const root = resolve(import.meta.dirname, '../../..');
/**
 * The tool machinery the first screen does not need (issue 17, item 2): JSON Schema validation, the
 * built-in tools, the executor, the MCP and OpenAPI clients, custom tools and the tool library.
 * They load on first use (src/app/tools/tool-machinery.ts).
 */
const TOOL_MACHINERY = [
  /[\\/]node_modules[\\/]@cfworker[\\/]json-schema[\\/]/,
  /[\\/]src[\\/]tools[\\/]builtins[\\/]/,
  /[\\/]src[\\/]tools[\\/](executor|registry|manifest|validator|json-schema)\.ts$/,
  /[\\/]src[\\/]tools[\\/](openapi|custom)[\\/]/,
  /[\\/]src[\\/]tools[\\/]mcp[\\/](?!prompts\.ts$)/,
  /[\\/]src[\\/]app[\\/](tools[\\/]tool-library|custom-tools[\\/]real-custom-tools)\.ts$/,
];
const ENGINE_LIBRARIES = [/[\\/]node_modules[\\/]@mlc-ai[\\/]web-llm[\\/]/, /[\\/]node_modules[\\/]@huggingface[\\/]transformers[\\/]/];

/** Its registration module, without the service worker (the app registers it after the first paint). */
const PWA_REGISTER = 'virtual:pwa-register';
const registerStub: Plugin = {
  name: 'test:pwa-register-stub',
  resolveId: (id) => (id === PWA_REGISTER ? `\0${PWA_REGISTER}` : undefined),
  load: (id) => (id === `\0${PWA_REGISTER}` ? 'export function registerSW() { return async () => {}; }' : undefined),
};

/**
 * vite-plugin-pwa's plugins write a service worker after the bundle: slow, and beside the point
 * here. Its registration module is stubbed instead.
 */
function withoutServiceWorker(plugins: PluginOption[]): PluginOption[] {
  const kept = plugins.flat(Infinity as 1).filter((plugin) => {
    const name = plugin && typeof plugin === 'object' && 'name' in plugin ? String(plugin.name) : '';
    return !name.startsWith('vite-plugin-pwa');
  });
  return [...kept, registerStub];
}

let outDir: string;
let output: BuildOutput;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'tabagent-chunks-'));
  const loaded = await loadConfigFromFile({ command: 'build', mode: 'production' }, join(root, 'vite.config.ts'), root, 'silent');
  if (!loaded) throw new Error('vite.config.ts could not be loaded');
  const config: InlineConfig = {
    ...loaded.config,
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: withoutServiceWorker(loaded.config.plugins ?? []),
    build: { ...loaded.config.build, outDir, write: false, sourcemap: false, minify: false },
  };
  output = (await build(config)) as BuildOutput;
}, 300_000);

afterAll(() => {
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('main-thread chunks of the production build', () => {
  it('reach the app and its lazy pages from the entry (the walk sees the whole page graph)', () => {
    const modules = reachableModules(output);
    expect(modules.some((id) => id.endsWith('src/main.tsx'))).toBe(true);
    // Loaded lazily (dynamic imports), so the walk follows dynamic imports too.
    expect(modules.some((id) => id.endsWith('src/app/models/local-engines.ts'))).toBe(true);
    expect(modules.some((id) => id.endsWith('src/app/token-counters.ts'))).toBe(true);
  });

  it('contain neither web-llm nor transformers.js', () => {
    const offending = reachableModules(output).filter((id) => ENGINE_LIBRARIES.some((library) => library.test(id)));
    expect(offending, 'a main-thread module imports an engine library; ask its worker instead').toEqual([]);
  });

  it('still ship both engine workers (web-llm lives there now)', () => {
    const workers = workerAssets(output).join(' ');
    expect(workers).toMatch(/webllm\.worker/);
    expect(workers).toMatch(/llm\.worker/);
  });

  it('load the tool machinery on first use, not with the first screen', () => {
    const isMachinery = (id: string): boolean => TOOL_MACHINERY.some((pattern) => pattern.test(id));
    const initial = initialModules(output).filter(isMachinery);
    expect(initial, 'the initial chunk imports tool machinery statically; reach it through the composition root\'s lazy load').toEqual([]);
    // Still in the app, a dynamic import away: the check above is not vacuous.
    const lazy = reachableModules(output);
    expect(lazy.some((id) => /[\\/]node_modules[\\/]@cfworker[\\/]json-schema[\\/]/.test(id))).toBe(true);
    expect(lazy.some((id) => id.endsWith('src/tools/builtins/calculator.ts'))).toBe(true);
    expect(lazy.some((id) => id.endsWith('src/app/tools/tool-machinery.ts'))).toBe(true);
  });
});
