import { deleteDB } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { TabagentError } from '../../src/core/errors';
import { defaultSettings, openTabagentDb, saveSettings, type Settings } from '../../src/store';
import { App } from '../../src/ui/app';
import { setLocale } from '../../src/ui/i18n';
import { createRealServices } from '../../src/app/composition-root';
import { errorText } from '../../src/ui/errors/error-text';
import { mount, unmountAll } from './support/mount';

const DB_NAME = 'tabagent-real-services-test';
const BASE_URL = 'http://127.0.0.1:9/v1';
const CANARY = 'sk-canary-real-services';
const realFetch = globalThis.fetch;

interface RecordedRequest {
  url: string;
  authorization: string | null;
  body: { model: string; tools?: Array<{ function: { name: string } }>; messages: Array<{ role: string; content: string | null }> };
}

/** Replaces fetch with an OpenAI-compatible server that streams `pieces` as SSE. */
function stubServer(pieces: string[]): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const headers = new Headers(init?.headers);
    requests.push({ url, authorization: headers.get('authorization'), body: JSON.parse(String(init?.body)) });
    const encoder = new TextEncoder();
    const events = [
      ...pieces.map((content) => ({ choices: [{ index: 0, delta: { content }, finish_reason: null }] })),
      { choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
    ];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const event of events) controller.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
        controller.enqueue(encoder.encode('data: [DONE]\n\n'));
        controller.close();
      },
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  };
  return requests;
}

afterEach(async () => {
  globalThis.fetch = realFetch;
  unmountAll();
  await deleteDB(DB_NAME);
});

async function saveConfigured(change: (settings: Settings) => void = () => undefined): Promise<void> {
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: BASE_URL, model: 'scripted-model', apiKey: CANARY, toolMode: 'native' };
  change(settings);
  const db = await openTabagentDb({ name: DB_NAME });
  await saveSettings(db, settings);
  db.close();
}

describe('the real services (runAgent, openai-compatible engine, built-in tools)', () => {
  it('lists the built-in tools for the settings panel once the tool machinery has loaded (none before)', async () => {
    const services = createRealServices();
    // The machinery is a dynamic import (tool-machinery.ts): the first screen lists nothing yet.
    expect(services.tools()).toEqual([]);
    await services.preloadTools();
    const names = services.tools().map((tool) => tool.name);
    expect(names).toEqual(expect.arrayContaining(['calculator', 'current_time', 'unit_convert', 'model_api']));
  });

  it('loads the tool machinery once, on the first use of the tool library', async () => {
    const services = createRealServices();
    const library = services.toolLibrary;
    if (!library) throw new Error('the real services have a tool library');
    let told = 0;
    const unsubscribe = library.subscribe(() => (told += 1));
    expect(library.tools()).toEqual([]);
    // A page's first action loads it; the subscriber is told the lists changed.
    await library.previewOpenApi({ text: 'not an OpenAPI document' }).catch(() => undefined);
    await Promise.resolve();
    expect(told).toBeGreaterThan(0);
    expect(library.tools().map((tool) => tool.name)).toEqual(expect.arrayContaining(['calculator']));
    expect(services.customTools?.reservedNames()).toEqual(expect.arrayContaining(['calculator']));
    unsubscribe();
  });

  it('refuses to run without a Base URL and model, with a code the interface translates', async () => {
    const services = createRealServices();
    let thrown: unknown;
    try {
      await services.prepareRun(defaultSettings());
    } catch (error) {
      thrown = error;
    }
    expect(TabagentError.is(thrown) && thrown.code).toBe('config');
    expect(TabagentError.is(thrown) && thrown.data).toEqual({ reason: 'noServerModel' });
    setLocale('en');
    expect(errorText(thrown)).toBe('No model is connected yet. Open Settings and enter a Base URL and a model.');
    setLocale('zh');
    try {
      expect(errorText(thrown)).toBe('还没有连接模型。请打开“设置”，填写 Base URL 和模型。');
    } finally {
      setLocale('en');
    }
  });

  it('chats through the App: streamed SSE answer, key only in the Authorization header, disabled tools not offered', async () => {
    await saveConfigured((settings) => {
      settings.enabledTools = { model_api: false };
    });
    const requests = stubServer(['Hello ', 'from the ', 'server.']);
    // Built outside JSX: a call inside a prop would build new services on every read of it.
    const services = createRealServices();
    mount(() => <App services={services} databaseName={DB_NAME} />);
    await expect.element(page.getByRole('button', { name: 'Settings', exact: true })).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Connect a model' })).not.toBeInTheDocument();
    await userEvent.fill(page.getByRole('textbox', { name: 'Message', exact: true }), 'hi');
    await userEvent.keyboard('{Enter}');
    await expect.element(page.getByText('Hello from the server.', { exact: true })).toBeVisible();

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.url).toBe(`${BASE_URL}/chat/completions`);
    expect(request?.authorization).toBe(`Bearer ${CANARY}`);
    expect(request?.body.model).toBe('scripted-model');
    expect(JSON.stringify(request?.body)).not.toContain(CANARY);
    const offered = request?.body.tools?.map((tool) => tool.function.name) ?? [];
    expect(offered).toContain('calculator');
    expect(offered).not.toContain('model_api');
    expect(document.body.innerHTML).not.toContain(CANARY);
  });
});
