import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { formatMegabytes, recommendModels, type CapabilityReport } from '../../src/llm/capabilities';
import { modelCatalog } from '../../src/llm/catalog';
import { toWebLLMError } from '../../src/llm/webllm/errors';
import { defaultSettings, loadSettings, openTabagentDb, saveSettings } from '../../src/store';
import { App } from '../../src/ui/app';
import { setLocale } from '../../src/ui/i18n';
import { fakeModelServices, gpuReport } from './models/fake-model-services';
import { fakeServices } from './support/fake-services';
import { mount, unmountAll } from './support/mount';
import { streamingRun } from './support/scripted-run';

const DB_NAME = 'tabagent-first-run-test';
const exact = { exact: true } as const;

afterEach(async () => {
  unmountAll();
  setLocale('en');
  await deleteDB(DB_NAME);
});

function mountApp(models = fakeModelServices()) {
  const scripted = streamingRun(() => ['Hello from the server.']);
  mount(() => <App services={fakeServices(scripted.run, { models: models.services })} databaseName={DB_NAME} />);
  return { models, calls: scripted.calls };
}

async function savedSettings() {
  const db = await openTabagentDb({ name: DB_NAME });
  const settings = await loadSettings(db);
  db.close();
  return settings;
}

function recommendedFor(report: CapabilityReport) {
  const item = recommendModels(report, modelCatalog).find((candidate) => candidate.recommended);
  if (!item) throw new Error('the catalog recommends nothing for this report');
  return item;
}

const welcome = () => page.getByRole('region', { name: 'Welcome to Tabagent' });

describe('first-run welcome', () => {
  it('checks the device, says what stays here and names the recommended model with its size, downloading nothing', async () => {
    const { models } = mountApp();
    await expect.element(welcome()).toBeVisible();
    await expect.element(welcome().getByText(/^Graphics: WebGPU on nvidia ampere, GPU buffers up to ~2\.0 GB\.$/)).toBeVisible();
    await expect.element(welcome().getByText('Memory: about 8 GB (browsers report at most 8).')).toBeVisible();
    await expect.element(welcome().getByText(/^Storage: ~9\.7 GB free for this site; the browser may clear it/)).toBeVisible();
    await expect.element(welcome().getByText(/conversations, settings and API keys are kept in this browser/)).toBeVisible();
    const item = recommendedFor(gpuReport);
    const size = formatMegabytes(item.model.downloadMB);
    await expect.element(welcome().getByRole('button', { name: `Download ${item.model.label} (${size})`, ...exact })).toBeVisible();
    // The welcome is the one place that recommends it: no "Or run …" offer under the chat repeats it.
    await expect.element(page.getByText(/^Or run /)).not.toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: `Use ${item.model.label}`, ...exact })).not.toBeInTheDocument();
    // Consent first: looking at the welcome starts no download.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(models.loads).toHaveLength(0);
  });

  it('the download button starts the download with progress shown, and saves the model as the engine once loaded', async () => {
    const { models } = mountApp();
    const item = recommendedFor(gpuReport);
    await userEvent.click(welcome().getByRole('button', { name: new RegExp(`^Download ${item.model.label} \\(`) }));
    await expect.poll(() => models.loads.length).toBe(1);
    expect(models.loads[0]?.choice).toMatchObject({ engine: item.model.engine, modelId: item.model.id });
    await expect.element(page.getByRole('dialog', { name: 'Models' })).toBeVisible();
    await expect.element(page.getByRole('progressbar')).toBeVisible();
    // Until the model has loaded, the engine in use stays as it was.
    expect((await savedSettings()).engine.localModelId).toBeUndefined();
    models.loads[0]?.finish();
    await expect.poll(async () => (await savedSettings()).engine).toMatchObject({ kind: item.model.engine, localModelId: item.model.id });
    await expect.element(welcome()).not.toBeInTheDocument();
  });

  it('a download that cannot reach the hub says which host, that nothing was downloaded, keeps the engine, and offers Retry', async () => {
    const { models } = mountApp();
    const item = recommendedFor(gpuReport);
    await userEvent.click(welcome().getByRole('button', { name: new RegExp(`^Download ${item.model.label} \\(`) }));
    await expect.poll(() => models.loads.length).toBe(1);
    // What the engines make of the browser's bare "Failed to fetch" (web-llm's error mapping).
    models.loads[0]?.fail(toWebLLMError(new TypeError('Failed to fetch'), item.model.label));
    const dialog = page.getByRole('dialog', { name: 'Models' });
    const alert = dialog.getByRole('alert');
    await expect.element(alert).toHaveTextContent(/huggingface\.co could not be reached/);
    await expect.element(alert).toHaveTextContent(/Nothing was downloaded/);
    await expect.element(alert).toHaveTextContent(/connect a model server instead/);
    expect(alert.element().textContent).not.toMatch(/Failed to fetch/);
    await expect.element(dialog.getByText(`In use: ${item.model.label}.`, exact)).not.toBeInTheDocument();
    expect((await savedSettings()).engine.localModelId).toBeUndefined();

    const retry = dialog.getByRole('group', { name: `Retry downloading ${item.model.label}`, ...exact }).getByRole('button', { name: 'Retry', ...exact });
    await expect.element(dialog.getByRole('button', { name: 'Connect a server', ...exact })).toBeVisible();
    await userEvent.click(retry);
    await expect.poll(() => models.loads.length).toBe(2);
    models.loads[1]?.finish();
    await expect.poll(async () => (await savedSettings()).engine).toMatchObject({ kind: item.model.engine, localModelId: item.model.id });
  });

  it('without WebGPU it says so in its own words and warns that the CPU is slow', async () => {
    const report: CapabilityReport = { webgpu: false, shaderF16: false, webgpuProblem: 'no navigator.gpu' };
    mountApp(fakeModelServices(report));
    await expect.element(welcome().getByText(/^Graphics: no WebGPU in this browser/)).toBeVisible();
    await expect.element(welcome().getByText('Memory: this browser does not say.')).toBeVisible();
    await expect.element(welcome().getByText(/runs on the processor, so answers take a while/)).toBeVisible();
    const item = recommendedFor(report);
    expect(item.device).toBe('wasm');
    await expect.element(welcome().getByRole('button', { name: new RegExp(`^Download ${item.model.label.replace(/[()]/g, '\\$&')} \\(`) })).toBeVisible();
  });

  it('by keyboard alone: Connect a server, fill in the server, save, and the message box has focus for the first question', async () => {
    const { calls } = mountApp();
    const connect = welcome().getByRole('button', { name: 'Connect a server', ...exact });
    await expect.element(connect).toBeVisible();
    (connect.element() as HTMLElement).focus();
    await userEvent.keyboard('{Enter}');
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect.element(dialog).toBeVisible();
    // The dialog starts on its first control; Tab moves through Engine, Provider, Base URL.
    await userEvent.tab();
    await userEvent.tab();
    await expect.element(dialog.getByLabelText('Base URL', exact)).toHaveFocus();
    await userEvent.keyboard('http://127.0.0.1:9/v1');
    await userEvent.tab();
    await userEvent.keyboard('test-model{Enter}');
    await expect.element(dialog).not.toBeInTheDocument();
    await expect.element(welcome()).not.toBeInTheDocument();
    const message = page.getByRole('textbox', { name: 'Message', ...exact });
    await expect.element(message).toHaveFocus();
    await userEvent.keyboard('hello{Enter}');
    await expect.element(page.getByText('Hello from the server.', exact)).toBeVisible();
    expect(calls).toHaveLength(1);
  });

  it('"Not now" hides it for good (remembered in settings) and focuses the message box', async () => {
    mountApp();
    const skip = welcome().getByRole('button', { name: 'Not now', ...exact });
    await userEvent.click(skip);
    await expect.element(welcome()).not.toBeInTheDocument();
    await expect.element(page.getByRole('textbox', { name: 'Message', ...exact })).toHaveFocus();
    await expect.poll(async () => (await savedSettings()).welcomeDismissed).toBe(true);
    unmountAll();
    mountApp();
    await expect.element(page.getByRole('button', { name: 'Settings', ...exact })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Connect a model' })).toBeVisible();
    expect(welcome().elements()).toHaveLength(0);
  });

  it('is not shown once a model is configured', async () => {
    const db = await openTabagentDb({ name: DB_NAME });
    const settings = defaultSettings();
    settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'm' };
    await saveSettings(db, settings);
    db.close();
    mountApp();
    await expect.element(page.getByRole('textbox', { name: 'Message', ...exact })).toBeVisible();
    await expect.poll(() => document.querySelector('.app')?.getAttribute('data-ready')).toBe('true');
    expect(welcome().elements()).toHaveLength(0);
  });

  it('speaks Chinese when the interface does', async () => {
    const db = await openTabagentDb({ name: DB_NAME });
    await saveSettings(db, { ...defaultSettings(), language: 'zh' });
    db.close();
    mountApp();
    const region = page.getByRole('region', { name: '欢迎使用 Tabagent' });
    await expect.element(region).toBeVisible();
    await expect.element(region.getByText('内存：约 8 GB（浏览器最多报告 8 GB）。')).toBeVisible();
    await expect.element(region.getByRole('button', { name: '连接服务器', ...exact })).toBeVisible();
    await expect.element(region.getByRole('button', { name: /^下载 / })).toBeVisible();
  });
});
