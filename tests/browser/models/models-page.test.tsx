import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { defaultSettings, loadSettings, openTabagentDb, saveSettings } from '../../../src/store';
import { App } from '../../../src/ui/app';
import { setLocale } from '../../../src/ui/i18n';
import { choiceKey } from '../../../src/app/models/local-choice';
import { fakeServices } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';
import { fakeModelServices } from './fake-model-services';

const DB_NAME = 'tabagent-models-page-test';
const exact = { exact: true } as const;

afterEach(async () => {
  unmountAll();
  setLocale('en');
  await deleteDB(DB_NAME);
});

function mountApp(models = fakeModelServices()) {
  mount(() => <App services={fakeServices(streamingRun(() => ['x']).run, { models: models.services })} databaseName={DB_NAME} />);
  return models;
}

/** The welcome recommends a model itself (the offer under the chat would repeat it): put it away, as "Not now" does. */
async function dismissWelcome(): Promise<void> {
  const db = await openTabagentDb({ name: DB_NAME });
  await saveSettings(db, { ...defaultSettings(), welcomeDismissed: true });
  db.close();
}

async function savedEngine() {
  const db = await openTabagentDb({ name: DB_NAME });
  const settings = await loadSettings(db);
  db.close();
  return settings.engine;
}

async function until(check: () => boolean): Promise<void> {
  await expect.poll(check, { timeout: 3000 }).toBe(true);
}

describe('Models page', () => {
  it('opens from the header and shows the device, storage and the catalog with reasons', async () => {
    mountApp();
    await userEvent.click(page.getByRole('button', { name: 'Models', ...exact }));
    const dialog = page.getByRole('dialog', { name: 'Models' });
    await expect.element(dialog).toBeVisible();
    await expect.element(dialog.getByText(/WebGPU on nvidia ampere, with shader-f16/)).toBeVisible();
    await expect.element(dialog.getByText(/used of .* available to this site/)).toBeVisible();
    const list = dialog.getByRole('list', { name: 'Local models' });
    await expect.element(list.getByRole('listitem', { name: /Qwen2.5 1.5B Instruct$/ })).toBeVisible();
    await expect.element(list.getByText('Recommended')).toBeVisible();
    await expect.element(list.getByText(/fits: needs ~/).first()).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await expect.element(dialog).not.toBeInTheDocument();
  });

  it('in Chinese shows the device summary and each model\'s reason in Chinese', async () => {
    const db = await openTabagentDb({ name: DB_NAME });
    await saveSettings(db, { ...defaultSettings(), language: 'zh' });
    db.close();
    mountApp();
    await userEvent.click(page.getByRole('button', { name: '模型', ...exact }));
    const dialog = page.getByRole('dialog', { name: '模型' });
    await expect.element(dialog.getByText('WebGPU，显卡为 nvidia ampere，支持 shader-f16。')).toBeVisible();
    const list = dialog.getByRole('list', { name: '本地模型' });
    await expect.element(list.getByText(/^适合：需要 ~[\d.]+ [GM]B 显存$/).first()).toBeVisible();
    expect(list.element().textContent).not.toMatch(/fits: needs|via transformers\.js/);
  });

  it('downloads with a progress bar (MB and time left), then marks the model downloaded', async () => {
    const models = mountApp();
    await userEvent.click(page.getByRole('button', { name: 'Models', ...exact }));
    await userEvent.click(page.getByRole('button', { name: 'Download Qwen2.5 0.5B Instruct', ...exact }));
    await until(() => models.loads.length === 1);
    const load = models.loads[0];
    if (!load) throw new Error('no load');
    expect(load.choice).toEqual({ engine: 'webllm', modelId: 'Qwen2.5-0.5B-Instruct-q4f16_1-MLC' });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    load.progress({ progress: 0.25, text: 'Downloading weights', loadedBytes: 70 * 1024 * 1024, totalBytes: 280 * 1024 * 1024 });
    const bar = page.getByRole('progressbar', { name: 'Loading Qwen2.5 0.5B Instruct' });
    await expect.element(bar).toHaveAttribute('aria-valuenow', '25');
    await expect.element(page.getByText(/70 MB of 280 MB, about \d+ s left/)).toBeVisible();
    // Another download cannot start while one runs.
    await expect.element(page.getByRole('button', { name: 'Download Qwen3 0.6B', ...exact })).toBeDisabled();
    load.finish();
    await expect.element(page.getByRole('status')).toHaveTextContent('Qwen2.5 0.5B Instruct is ready.');
    await expect.element(bar).not.toBeInTheDocument();
    await expect.element(page.getByRole('button', { name: 'Load Qwen2.5 0.5B Instruct', ...exact })).toBeVisible();
  });

  it('Cancel aborts the load', async () => {
    const models = mountApp();
    await userEvent.click(page.getByRole('button', { name: 'Models', ...exact }));
    await userEvent.click(page.getByRole('button', { name: 'Download Qwen3 0.6B', ...exact }));
    await until(() => models.loads.length === 1);
    await userEvent.click(page.getByRole('button', { name: 'Cancel', ...exact }));
    expect(models.loads[0]?.signal.aborted).toBe(true);
    await expect.element(page.getByRole('status')).toHaveTextContent('Stopped loading Qwen3 0.6B.');
    await expect.element(page.getByRole('progressbar')).not.toBeInTheDocument();
  });

  it('shows a failed load as an alert', async () => {
    const models = mountApp();
    await userEvent.click(page.getByRole('button', { name: 'Models', ...exact }));
    await userEvent.click(page.getByRole('button', { name: 'Download Qwen3 0.6B', ...exact }));
    await until(() => models.loads.length === 1);
    const { TabagentError } = await import('../../../src/core/errors');
    models.loads[0]?.fail(new TabagentError('network', 'The model files could not be downloaded.'));
    await expect.element(page.getByRole('alert')).toHaveTextContent('The model files could not be downloaded.');
  });

  it('a download that breaks off says how much had arrived, and rewrites itself when the language changes', async () => {
    const models = mountApp();
    await userEvent.click(page.getByRole('button', { name: 'Models', ...exact }));
    await userEvent.click(page.getByRole('button', { name: 'Download Qwen3 0.6B', ...exact }));
    await until(() => models.loads.length === 1);
    const MIB = 1024 * 1024;
    models.loads[0]?.progress({ progress: 0.4, text: 'Fetching param cache', loadedBytes: 140 * MIB, totalBytes: 340 * MIB });
    const { toWebLLMError } = await import('../../../src/llm/webllm/errors');
    models.loads[0]?.fail(toWebLLMError(new TypeError('Failed to fetch'), 'Qwen3-0.6B-q4f16_1-MLC'));
    // The only alert on the page (the dialog's own name changes with the language).
    const alert = page.getByRole('alert');
    await expect.element(alert).toHaveTextContent(/^Could not finish downloading Qwen3 0\.6B: the connection to huggingface\.co was lost/);
    await expect.element(alert).toHaveTextContent(/about 140 MB had been downloaded; the files that finished are kept/);
    expect(alert.element().textContent).not.toMatch(/Nothing was downloaded/);
    setLocale('zh');
    await expect.element(alert).toHaveTextContent(/^未能下载完Qwen3 0\.6B：与 huggingface\.co 的连接中断.*已下载约 140 MB/);
    await expect.element(page.getByRole('button', { name: '重试', ...exact })).toBeVisible();
  });

  it('deletes a cached model and keeps models with persistent storage', async () => {
    const models = fakeModelServices();
    models.cached.add(choiceKey({ engine: 'webllm', modelId: 'Qwen3-1.7B-q4f16_1-MLC' }));
    mountApp(models);
    await userEvent.click(page.getByRole('button', { name: 'Models', ...exact }));
    await userEvent.click(page.getByRole('button', { name: 'Delete Qwen3 1.7B', ...exact }));
    await expect.element(page.getByRole('status')).toHaveTextContent('Deleted Qwen3 1.7B from this browser.');
    expect(models.deleted).toEqual([{ engine: 'webllm', modelId: 'Qwen3-1.7B-q4f16_1-MLC' }]);
    await expect.element(page.getByRole('button', { name: 'Delete Qwen3 1.7B', ...exact })).not.toBeInTheDocument();
    await userEvent.click(page.getByRole('button', { name: 'Keep models (persistent storage)' }));
    await expect.element(page.getByText('Models are kept (persistent storage).')).toBeVisible();
  });

  it('Use loads the model, then saves the local engine in settings and the chat is configured', async () => {
    const models = mountApp();
    await expect.element(page.getByRole('button', { name: 'Connect a model' })).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Models', ...exact }));
    await userEvent.click(page.getByRole('button', { name: 'Use Hermes 3 (Llama 3.2 3B)', ...exact }));
    await until(() => models.loads.length === 1);
    // Until the model has loaded, nothing claims it is in use.
    await expect.element(page.getByRole('progressbar')).toBeVisible();
    expect(page.getByText('In use: Hermes 3 (Llama 3.2 3B).').elements()).toHaveLength(0);
    expect((await savedEngine()).kind).toBeUndefined();
    models.loads[0]?.finish();
    await expect.element(page.getByText('In use: Hermes 3 (Llama 3.2 3B).')).toBeVisible();
    expect(await savedEngine()).toMatchObject({ kind: 'webllm', localModelId: 'Hermes-3-Llama-3.2-3B-q4f16_1-MLC' });
    await userEvent.keyboard('{Escape}');
    await expect.element(page.getByRole('button', { name: 'Connect a model' })).not.toBeInTheDocument();
  });

  it('Settings shows the local engine and switches back to a server', async () => {
    const models = mountApp();
    await userEvent.click(page.getByRole('button', { name: 'Models', ...exact }));
    await userEvent.click(page.getByRole('button', { name: 'Use Qwen3 0.6B', ...exact }));
    await until(() => models.loads.length === 1);
    models.loads[0]?.finish();
    await expect.element(page.getByText('In use: Qwen3 0.6B.')).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await userEvent.click(page.getByRole('button', { name: 'Settings', ...exact }));
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    const engine = dialog.getByRole('combobox', { name: 'Engine' });
    await expect.element(engine).toHaveValue('webllm');
    await expect.element(dialog.getByText(/Local model: Qwen3-0.6B-q4f16_1-MLC/)).toBeVisible();
    await expect.element(dialog.getByLabelText('Base URL', exact)).not.toBeInTheDocument();
    await userEvent.selectOptions(engine, 'openai-compatible');
    await expect.element(dialog.getByLabelText('Base URL', exact)).toBeVisible();
    await userEvent.click(dialog.getByRole('button', { name: 'Save' }));
    await expect.poll(async () => (await savedEngine()).kind).toBe('openai-compatible');
    expect((await savedEngine()).localModelId).toBe('Qwen3-0.6B-q4f16_1-MLC');
    await expect.element(page.getByRole('button', { name: 'Connect a model' })).toBeVisible();
  });

  it('validates the any-model field and accepts a hub id or a model URL for transformers.js', async () => {
    const models = mountApp();
    // "Use this model" loads it first; the engine switches when the load finishes.
    const finishLoad = async (count: number) => {
      await until(() => models.loads.length === count);
      models.loads[count - 1]?.finish();
    };
    await userEvent.click(page.getByRole('button', { name: 'Models', ...exact }));
    const field = page.getByRole('textbox', { name: 'Model id or URL' });
    await userEvent.fill(field, 'ftp://example.com/model');
    await userEvent.click(page.getByRole('button', { name: 'Use this model', ...exact }));
    await expect.element(field).toHaveAttribute('aria-invalid', 'true');
    await expect.element(page.getByText('Use an https:// URL (http:// only for localhost).')).toBeVisible();
    await userEvent.fill(field, 'https://models.example.com/m/tiny-llm');
    await userEvent.click(page.getByRole('button', { name: 'Use this model', ...exact }));
    await finishLoad(1);
    await expect.poll(async () => (await savedEngine()).customModelUrl).toBe('https://models.example.com/m/tiny-llm/');
    await userEvent.fill(field, `${location.origin}/models/tiny-llm`);
    await expect.element(page.getByRole('button', { name: 'Use this model', ...exact })).toBeEnabled();
    await userEvent.click(page.getByRole('button', { name: 'Use this model', ...exact }));
    await finishLoad(2);
    await expect.poll(async () => (await savedEngine()).customModelUrl).toBe(`${location.origin}/models/tiny-llm/`);
    expect(await savedEngine()).toMatchObject({ kind: 'transformers', localModelId: '', localDevice: 'webgpu' });
    await userEvent.fill(field, 'someone/Some-Model-ONNX');
    await expect.element(page.getByRole('button', { name: 'Use this model', ...exact })).toBeEnabled();
    await userEvent.click(page.getByRole('button', { name: 'Use this model', ...exact }));
    await finishLoad(3);
    await expect.poll(async () => (await savedEngine()).localModelId).toBe('someone/Some-Model-ONNX');
  });
});

describe('first start with no server configured', () => {
  it('offers the recommended local model next to "Connect a model" and starts its download', async () => {
    await dismissWelcome();
    const models = mountApp();
    await expect.element(page.getByRole('button', { name: 'Connect a model' })).toBeVisible();
    const offer = page.getByRole('button', { name: /^Use Qwen/ });
    await expect.element(offer).toBeVisible();
    await userEvent.click(offer);
    await until(() => models.loads.length === 1);
    await expect.element(page.getByRole('dialog', { name: 'Models' })).toBeVisible();
    await expect.element(page.getByRole('progressbar')).toBeVisible();
    // The engine in use changes only once the model has loaded.
    expect((await savedEngine()).kind).toBeUndefined();
    models.loads[0]?.finish();
    await expect.poll(async () => (await savedEngine()).kind).toBe('webllm');
  });

  it('without WebGPU offers a transformers.js model on WASM', async () => {
    await dismissWelcome();
    mountApp(fakeModelServices({ webgpu: false, shaderF16: false, webgpuProblem: 'This browser has no WebGPU (navigator.gpu is missing).' }));
    await expect.element(page.getByText(/runs on WASM via transformers.js/)).toBeVisible();
    await userEvent.click(page.getByRole('button', { name: 'Choose a local model' }));
    await expect.element(page.getByText(/This browser has no WebGPU/)).toBeVisible();
  });
});
