/**
 * A model download whose host cannot be reached (issue 14.17), through the real Models-page
 * services, engine holder, LLM worker and transformers.js: the model hub is pointed at a closed
 * port of this machine, so fetch fails exactly as it does behind a firewall.
 */
import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createLocalEngine, LocalEngineHolder } from '../../../src/app/models/local-engines';
import type { LocalModelServices } from '../../../src/app/models/model-services';
import { createRealModelServices } from '../../../src/app/models/real-model-services';
import type { AppServices } from '../../../src/app/services';
import { recommendModels, type CapabilityReport } from '../../../src/llm/capabilities';
import { modelCatalog } from '../../../src/llm/catalog';
import { defaultSettings, loadSettings, openTabagentDb, saveSettings, type Settings } from '../../../src/store';
import { engineKindOf } from '../../../src/store/settings';
import { App } from '../../../src/ui/app';
import { setLocale } from '../../../src/ui/i18n';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';

const DB_NAME = 'tabagent-download-failure-test';
const exact = { exact: true } as const;
/** Nothing listens on port 9 (discard) here: the request gets no answer. */
const CLOSED_HUB = 'http://127.0.0.1:9/';
/** No WebGPU: the catalog offers transformers.js models, among them the one from the report. */
const cpuReport: CapabilityReport = { webgpu: false, shaderF16: false, webgpuProblem: 'no navigator.gpu' };
const slow = { timeout: 30_000 } as const;
/** The model the welcome recommends without WebGPU. */
const recommended = recommendModels(cpuReport, modelCatalog).find((item) => item.recommended)?.model.label ?? 'none';
const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

afterEach(async () => {
  unmountAll();
  setLocale('en');
  await deleteDB(DB_NAME);
});

/** The real services with the hub on a closed port, counting the loads asked for. */
function unreachableHubServices(): { services: LocalModelServices; loads: () => number } {
  const holder = new LocalEngineHolder((choice) => createLocalEngine({ ...choice, customModelUrl: `${CLOSED_HUB}${choice.modelId}` }));
  const real = createRealModelServices(holder);
  let loads = 0;
  const services: LocalModelServices = {
    ...real,
    probe: async () => cpuReport,
    load: (choice, onProgress, signal) => {
      loads += 1;
      return real.load(choice, onProgress, signal);
    },
  };
  return { services, loads: () => loads };
}

/** Mounts the app; `engines` records the engine kind each chat run was prepared with. */
function mountApp(models: LocalModelServices) {
  const scripted = streamingRun(() => ['Hello from the server.']);
  const base = fakeServices(scripted.run, { models });
  const engines: string[] = [];
  const services: AppServices = {
    ...base,
    prepareRun: (settings, scope) => {
      engines.push(engineKindOf(settings));
      return base.prepareRun(settings, scope);
    },
  };
  mount(() => <App services={services} databaseName={DB_NAME} />);
  return { engines, calls: scripted.calls };
}

async function saved(): Promise<Settings> {
  const db = await openTabagentDb({ name: DB_NAME });
  const settings = await loadSettings(db);
  db.close();
  return settings;
}

async function store(settings: Settings): Promise<void> {
  const db = await openTabagentDb({ name: DB_NAME });
  await saveSettings(db, settings);
  db.close();
}

describe('a model download that cannot reach its host', () => {
  it('says which host, that nothing was downloaded and what to do, offers Retry, and keeps the server in use', { timeout: 120_000 }, async () => {
    const server = defaultSettings();
    server.engine = { ...server.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'server-model' };
    await store(server);
    const hub = unreachableHubServices();
    const { engines, calls } = mountApp(hub.services);

    await userEvent.click(page.getByRole('button', { name: 'Models', ...exact }));
    const dialog = page.getByRole('dialog', { name: 'Models' });
    await userEvent.click(dialog.getByRole('button', { name: 'Use Qwen3 0.6B (ONNX)', ...exact }));
    const alert = dialog.getByRole('alert');
    await expect.element(alert, slow).toHaveTextContent(/^Could not download Qwen3 0\.6B \(ONNX\): 127\.0\.0\.1:9 could not be reached/);
    await expect.element(alert).toHaveTextContent(/Nothing was downloaded, and the model you used before is still in use\./);
    await expect.element(alert).toHaveTextContent(/Try again, or connect a model server instead\./);
    expect(alert.element().textContent).not.toMatch(/Failed to fetch/);
    await expect.element(dialog.getByRole('button', { name: 'Connect a server', ...exact })).toBeVisible();
    // Nothing claims the model that failed: the saved engine is still the server.
    expect(dialog.getByText(/^In use:/).elements()).toHaveLength(0);
    expect(engineKindOf(await saved())).toBe('openai-compatible');
    expect((await saved()).engine.localModelId).toBeUndefined();

    // Retry tries the same download again (and fails the same way: the host is still closed).
    const retry = dialog.getByRole('button', { name: 'Retry', ...exact });
    await expect.element(retry).toBeEnabled();
    await userEvent.click(retry);
    await expect.poll(hub.loads).toBe(2);
    await expect.element(retry, slow).toBeEnabled();
    await expect.element(alert).toHaveTextContent(/127\.0\.0\.1:9 could not be reached/);
    expect(engineKindOf(await saved())).toBe('openai-compatible');

    // The chat still runs on the server it used before.
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();
    await userEvent.fill(page.getByRole('textbox', { name: 'Message', ...exact }), 'hello');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByText('Hello from the server.', exact)).toBeVisible();
    expect(calls).toHaveLength(1);
    expect(engines).toEqual(['openai-compatible']);
  });

  it('from the welcome, in Chinese: the host, 没有下载任何内容, 重试, and no engine chosen', { timeout: 120_000 }, async () => {
    await store({ ...defaultSettings(), language: 'zh' });
    const hub = unreachableHubServices();
    mountApp(hub.services);
    const welcome = page.getByRole('region', { name: '欢迎使用 Tabagent' });
    await userEvent.click(welcome.getByRole('button', { name: new RegExp(`^下载 ${escaped(recommended)}`) }));
    const dialog = page.getByRole('dialog', { name: '模型' });
    const alert = dialog.getByRole('alert');
    await expect.element(alert, slow).toHaveTextContent(new RegExp(`^无法下载${escaped(recommended)}：无法连接 127\\.0\\.0\\.1:9`));
    await expect.element(alert).toHaveTextContent(/没有下载任何内容，之前使用的模型仍在使用。请重试，或改为连接模型服务器。/);
    expect(alert.element().textContent?.replace(recommended, '')).not.toMatch(/[A-Za-z]{4,}/);
    await expect.element(dialog.getByRole('button', { name: '重试', ...exact })).toBeVisible();
    await expect.element(dialog.getByRole('button', { name: '连接服务器', ...exact })).toBeVisible();
    expect(hub.loads()).toBe(1);
    expect((await saved()).engine.kind).toBeUndefined();
    expect((await saved()).engine.localModelId).toBeUndefined();
  });
});
