/**
 * Every demo from the start page of the built app, each running one turn against the local
 * OpenAI-compatible test server (scripted answers), with the visible outcome asserted. Peers are
 * real where they can run here: the reference MCP server (server-everything) and a local stand-in
 * for the user's image API. Open-Meteo cannot be reached from tests: its two endpoints are
 * answered by the test (page.route), and nothing else may leave this machine.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { extractNumber } from '../support/calculator-script';
import { startEverythingServer, type EverythingServer } from '../support/mcp-everything';
import type { Reply } from '../support/openai-replies';
import { startOpenAITestServer, type OpenAITestServer, type RecordedRequest, type TestChatMessage } from '../support/openai-test-server';
import { startRecordingServer, type RecordingServer } from '../support/recording-server';
import { configureServer, isLocal, watch } from './page-watch';

// Requests the test answers itself (Open-Meteo) must reach page.route, not a service worker.
test.use({ serviceWorkers: 'block' });

type Script = (request: RecordedRequest) => Reply;

let model: OpenAITestServer;
let script: Script = () => ({ kind: 'text', text: 'No script.' });

test.beforeEach(async () => {
  model = await startOpenAITestServer({ respond: (request) => script(request) });
});

test.afterEach(async () => {
  await model.close();
});

function textOf(message: TestChatMessage | undefined): string {
  return typeof message?.content === 'string' ? message.content : '';
}

/** The newest user message of a request (where the turn's knowledge is quoted). */
function lastUser(request: RecordedRequest): string {
  return textOf(request.body.messages.findLast((message) => message.role === 'user'));
}

/** The tool results of a request, by the name of the tool that produced them. */
function toolResults(request: RecordedRequest): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of request.body.messages) {
    for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
  }
  const results = new Map<string, string>();
  for (const message of request.body.messages) {
    if (message.role === 'tool') results.set(names.get(message.tool_call_id ?? '') ?? '?', textOf(message));
  }
  return results;
}

/** Presses Tab until `target` has focus (at most `limit` times). */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let step = 0; step < limit; step += 1) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** Opens the Demos dialog from the start page's "Try a demo" with a click. */
async function openDemos(page: Page, name = 'Try a demo'): Promise<Locator> {
  await page.getByRole('log').getByRole('button', { name, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: name === 'Try a demo' ? 'Demos' : '演示' });
  await expect(dialog).toBeVisible();
  return dialog;
}

async function start(page: Page): Promise<{ requests: string[]; errors: string[] }> {
  const seen = watch(page);
  await page.goto('/');
  await configureServer(page, model.url);
  return seen;
}

/** Step 1: the three built-in tools at once; step 2: an answer made of their results. */
const calculatorScript: Script = (request) => {
  const results = toolResults(request);
  if (results.size === 0) {
    return {
      kind: 'tool-calls',
      calls: [
        { name: 'calculator', arguments: { expression: '86.40 * 15 / 100' } },
        { name: 'unit_convert', arguments: { value: 26.2, from: 'mi', to: 'km' } },
        { name: 'current_time', arguments: { timezone: 'Asia/Tokyo' } },
      ],
    };
  }
  const percent = extractNumber(results.get('calculator'));
  const kilometres = extractNumber(results.get('unit_convert'));
  return { kind: 'text', text: `15% of 86.40 is ${percent}; 26.2 miles are ${kilometres?.toFixed(2)} km.` };
};

test('Calculator and units, by keyboard alone: Run sends the demo’s message and the tool cards show the results', async ({ page }) => {
  const seen = await start(page);
  script = calculatorScript;
  const tryDemo = page.getByRole('log').getByRole('button', { name: 'Try a demo', exact: true });
  await tabTo(page, tryDemo);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Demos' });
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole('button', { name: 'Run: Calculator and units', exact: true }));
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();

  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('15% of 86.40 is 12.96; 26.2 miles are 42.16 km.');
  const calculator = page.getByRole('article', { name: 'Tool call: calculator' });
  await calculator.getByRole('button', { name: 'Details' }).click();
  await expect(calculator.locator('.tool-card-result')).toContainText('12.96');
  await expect(page.getByRole('article', { name: 'Tool call: unit_convert' })).toHaveCount(1);
  await expect(page.getByRole('article', { name: 'Tool call: current_time' })).toHaveCount(1);

  // The preset reached the model: its message, its system prompt, its pinned tools.
  const first = model.requests[0]!;
  expect(lastUser(first)).toBe('What is 15% of 86.40? How many kilometres are 26.2 miles? And what time is it in Tokyo now?');
  expect(textOf(first.body.messages[0])).toContain('Use the calculator tool for every calculation');
  expect(first.body.tools?.map((tool) => tool.function.name)).toEqual(expect.arrayContaining(['calculator', 'unit_convert', 'current_time']));
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('Ask my documents: the answer cites the bundled guide, and its [n] opens the passage', async ({ page }) => {
  const seen = await start(page);
  script = (request) => {
    const blocks = [...lastUser(request).matchAll(/<knowledge id="(\d+)" title="[^"]*"[^>]*>\n([\s\S]*?)\n<\/knowledge>/g)];
    const cited = blocks.find((block) => block[2]!.includes('To allow an API that strict mode blocks'))?.[1];
    return { kind: 'text', text: `It blocks every origin not granted to an enabled tool or the engine; enable a tool that lists the origin [${cited ?? '?'}].` };
  };
  const dialog = await openDemos(page);
  await dialog.getByRole('button', { name: 'Run: Ask my documents', exact: true }).click();

  const log = page.getByRole('log', { name: 'Conversation' });
  await expect(log).toContainText('enable a tool that lists the origin');
  // Numbered as retrieval ranked the passages: found by the document and heading it names.
  const citation = log.getByRole('button', { name: /^Source \d+: Tabagent user guide — Network and privacy$/ });
  await expect(citation).toHaveCount(1);
  await citation.click();
  const passage = page.getByRole('dialog', { name: /^Source \[\d+\]$/ });
  await expect(passage).toContainText('Tabagent user guide — Network and privacy');
  await expect(passage).toContainText('To allow an API that strict mode blocks, enable a tool that lists its origin');
  await page.keyboard.press('Escape');
  await expect(citation).toBeFocused();

  // The base is on the Knowledge page, switched on for this conversation.
  await page.getByRole('link', { name: 'Knowledge', exact: true }).click();
  await expect(page.getByText('Tabagent user guide', { exact: true })).toBeVisible();
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test.describe('with the reference MCP server', () => {
  let mcp: EverythingServer;
  test.beforeEach(async () => {
    mcp = await startEverythingServer('streamableHttp');
  });
  test.afterEach(async () => {
    await mcp.close();
  });

  test('Connect an MCP server: the Tools page opens with the URL filled in; connected, the waiting message runs its tool', async ({ page }) => {
    test.setTimeout(120_000);
    const seen = await start(page);
    script = (request) => {
      const result = toolResults(request).get('everything__get-sum');
      if (result === undefined) return { kind: 'tool-calls', calls: [{ name: 'everything__get-sum', arguments: { a: 17, b: 25 } }] };
      return { kind: 'text', text: `The MCP server says: ${result}` };
    };
    const dialog = await openDemos(page);
    await dialog.getByRole('button', { name: 'Open Tools: Connect an MCP server', exact: true }).click();
    const field = page.getByLabel('MCP server URL', { exact: true });
    await expect(field).toHaveValue('http://127.0.0.1:3001/mcp');
    await expect(field).toBeFocused();
    await expect(page.getByRole('note')).toContainText('npx @modelcontextprotocol/server-everything streamableHttp');

    // This machine's server runs on a free port rather than 3001 (other tests may hold it).
    await field.fill(mcp.url);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect(page.getByRole('status').first()).toContainText(/Connected to everything: \d+ tools\./, { timeout: 30_000 });
    await page.getByRole('link', { name: 'Chat', exact: true }).click();
    const message = page.getByRole('textbox', { name: 'Message', exact: true });
    await expect(message).toHaveValue('Use the MCP server’s get-sum tool to add 17 and 25.');
    await message.press('Enter');

    await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('The MCP server says:');
    const card = page.getByRole('article', { name: 'Tool call: everything__get-sum' });
    await card.getByRole('button', { name: 'Details' }).click();
    await expect(card.locator('.tool-card-result')).toContainText('42');
    expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});

test('Tools from an OpenAPI spec: the bundled Open-Meteo tools are imported and on, and a turn calls both', async ({ page }) => {
  const seen = await start(page);
  const answered: string[] = [];
  // Open-Meteo, answered here: tests never leave the machine.
  await page.route(/^https:\/\/(geocoding-api|api)\.open-meteo\.com\//, async (route) => {
    const url = new URL(route.request().url());
    answered.push(`${url.origin}${url.pathname}?${url.searchParams.toString()}`);
    const body =
      url.hostname === 'geocoding-api.open-meteo.com'
        ? { results: [{ name: 'Hangzhou', latitude: 30.29365, longitude: 120.16142, country: 'China', timezone: 'Asia/Shanghai' }] }
        : { latitude: 30.25, longitude: 120.125, daily_units: { temperature_2m_max: '°C' }, daily: { time: ['2025-05-01', '2025-05-02', '2025-05-03'], temperature_2m_max: [24.1, 26.3, 22.8] } };
    await route.fulfill({ status: 200, contentType: 'application/json', headers: { 'Access-Control-Allow-Origin': '*' }, json: body });
  });
  script = (request) => {
    const results = toolResults(request);
    if (!results.has('geocodePlace')) return { kind: 'tool-calls', calls: [{ name: 'geocodePlace', arguments: { name: 'Hangzhou', count: 1 } }] };
    if (!results.has('getWeatherForecast')) {
      const place = results.get('geocodePlace')!;
      const coordinate = (key: string): number => Number(new RegExp(`"${key}":\\s*(-?[\\d.]+)`).exec(place)?.[1] ?? 'NaN');
      return {
        kind: 'tool-calls',
        calls: [{ name: 'getWeatherForecast', arguments: { latitude: coordinate('latitude'), longitude: coordinate('longitude'), daily: 'temperature_2m_max', timezone: 'auto', forecast_days: 3 } }],
      };
    }
    const highs = /"temperature_2m_max":\s*\[([^\]]+)\]/.exec(results.get('getWeatherForecast')!)?.[1]?.replace(/\s+/g, '');
    return { kind: 'text', text: `Highs in Hangzhou: ${highs} °C (data from Open-Meteo).` };
  };
  const dialog = await openDemos(page);
  await dialog.getByRole('button', { name: 'Run: Tools from an OpenAPI spec', exact: true }).click();

  const log = page.getByRole('log', { name: 'Conversation' });
  const allow = page.getByRole('button', { name: 'Allow once', exact: true });
  // A call after outside text (the first result) may ask for approval: say yes until the answer is there.
  await expect(async () => {
    if (await allow.isVisible()) await allow.click();
    await expect(log).toContainText('Highs in Hangzhou: 24.1,26.3,22.8 °C', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByRole('article', { name: 'Tool call: geocodePlace' })).toHaveCount(1);
  await expect(page.getByRole('article', { name: 'Tool call: getWeatherForecast' })).toHaveCount(1);
  expect(answered).toEqual([
    'https://geocoding-api.open-meteo.com/v1/search?name=Hangzhou&count=1',
    'https://api.open-meteo.com/v1/forecast?latitude=30.29365&longitude=120.16142&daily=temperature_2m_max&timezone=auto&forecast_days=3',
  ]);
  expect(model.requests[0]?.body.tools?.map((tool) => tool.function.name)).toEqual(expect.arrayContaining(['geocodePlace', 'getWeatherForecast']));

  await page.getByRole('link', { name: 'Tools', exact: true }).click();
  // Switched on in the library; their pins belong to the demo's agent, not to the settings.
  for (const name of ['geocodePlace', 'getWeatherForecast']) {
    await expect(page.getByRole('checkbox', { name: `Enable ${name}`, exact: true })).toBeChecked();
  }
  const foreign = seen.requests.filter((url) => !isLocal(url));
  expect(foreign.every((url) => /^https:\/\/(geocoding-api|api)\.open-meteo\.com\//.test(url))).toBe(true);
  expect(foreign).toHaveLength(2);
  expect(seen.errors).toEqual([]);
});

test.describe('with a stand-in for the user’s image API', () => {
  let images: RecordingServer;
  test.beforeEach(async () => {
    images = await startRecordingServer({
      respond: (request) =>
        request.path === '/v1/images/generations' ? { body: { created: 1, data: [{ url: 'https://images.example/lighthouse.png' }] } } : undefined,
    });
  });
  test.afterEach(async () => {
    await images.close();
  });

  test('Images through a model API: Settings opens at model_api; with the endpoint set, the approved call reaches it', async ({ page }) => {
    const seen = await start(page);
    script = (request) => {
      const result = toolResults(request).get('model_api');
      if (result === undefined) return { kind: 'tool-calls', calls: [{ name: 'model_api', arguments: { task: 'image', prompt: 'A watercolor painting of a lighthouse at dawn' } }] };
      return { kind: 'text', text: `Your picture: ${/https:[^"]+\.png/.exec(result)?.[0] ?? 'none'}` };
    };
    const dialog = await openDemos(page);
    await dialog.getByRole('button', { name: 'Run: Images through a model API', exact: true }).click();

    const settings = page.getByRole('dialog', { name: 'Settings' });
    const endpoint = settings.getByLabel('Endpoint URL', { exact: true });
    await expect(endpoint).toBeFocused();
    await expect(settings.getByRole('group', { name: 'model_api tool' })).toBeInViewport();
    // Tool switches are no longer in Settings (the Tools page holds them); the run below shows model_api is on.
    await endpoint.fill(`${images.origin}/v1`);
    await settings.getByLabel('Chat model', { exact: true }).fill('demo-chat');
    await settings.getByLabel('Image model', { exact: true }).fill('demo-image');
    await settings.getByLabel('Endpoint key', { exact: true }).fill('sk-demo-key');
    await settings.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(settings).toBeHidden();

    const message = page.getByRole('textbox', { name: 'Message', exact: true });
    await expect(message).toHaveValue('Draw a watercolor of a lighthouse at dawn.');
    await expect(message).toBeFocused();
    await message.press('Enter');
    await page.getByRole('button', { name: 'Allow once', exact: true }).click();
    await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Your picture: https://images.example/lighthouse.png');
    await expect(page.getByRole('article', { name: 'Tool call: model_api' })).toHaveAttribute('data-status', 'done');

    expect(images.requests.map((request) => `${request.method} ${request.path}`)).toEqual(['POST /v1/images/generations']);
    expect(images.requests[0]?.headers.authorization).toBe('Bearer sk-demo-key');
    expect(JSON.parse(images.requests[0]!.body)).toEqual({ model: 'demo-image', prompt: 'A watercolor painting of a lighthouse at dawn', n: 1 });
    // The key went to its own endpoint only, never to the model server.
    expect(JSON.stringify(model.requests)).not.toContain('sk-demo-key');
    expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
    expect(seen.errors).toEqual([]);
  });
});

test('Remember me: the remember tool saves the preference, shown in its card and on the Memory page', async ({ page }) => {
  const seen = await start(page);
  script = (request) => {
    const result = toolResults(request).get('remember');
    if (result === undefined) {
      return { kind: 'tool-calls', calls: [{ name: 'remember', arguments: { text: 'The user prefers metric units and green tea.', tags: ['preferences'] } }] };
    }
    return { kind: 'text', text: 'Noted: metric units and green tea.' };
  };
  const dialog = await openDemos(page);
  await dialog.getByRole('button', { name: 'Run: Remember me', exact: true }).click();

  await expect(page.getByRole('log', { name: 'Conversation' })).toContainText('Noted: metric units and green tea.');
  const card = page.getByRole('article', { name: 'Tool call: remember' });
  await expect(card).toHaveAttribute('data-status', 'done');
  expect(lastUser(model.requests[0]!)).toBe('Remember that I prefer metric units and green tea.');
  expect(textOf(model.requests[0]!.body.messages[0])).toContain('You have long-term memory');

  await page.getByRole('link', { name: 'Memory', exact: true }).click();
  await expect(page.getByText('The user prefers metric units and green tea.', { exact: true })).toBeVisible();
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});

test('in Chinese: after switching the language, 计算器与单位 sends its Chinese message and shows the calculator card', async ({ page }) => {
  const seen = await start(page);
  script = calculatorScript;
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Language', { exact: true }).selectOption('zh');
  await settings.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(settings).toBeHidden();

  const dialog = await openDemos(page, '试试演示');
  await expect(dialog.getByRole('heading', { name: '计算器与单位', exact: true })).toBeVisible();
  await dialog.getByRole('button', { name: '运行：计算器与单位', exact: true }).click();
  await expect(page.getByRole('log', { name: '对话' })).toContainText('15% of 86.40 is 12.96');
  await expect(page.getByRole('article', { name: '工具调用：calculator' })).toHaveCount(1);
  expect(lastUser(model.requests[0]!)).toBe('86.40 的 15% 是多少？26.2 英里是多少公里？东京现在几点？');
  // The system text is the built-in agent's instructions, in Chinese as the interface is (as the first message is).
  expect(textOf(model.requests[0]!.body.messages[0])).toContain('每次计算都使用 calculator 工具');
  expect(textOf(model.requests[0]!.body.messages[0])).not.toContain('Use the calculator tool for every calculation');
  expect(seen.requests.filter((url) => !isLocal(url))).toEqual([]);
  expect(seen.errors).toEqual([]);
});
