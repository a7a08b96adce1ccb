/**
 * Images in tool results, in Chromium: an MCP tool's image blocks and model_api's generated image
 * (through the real MCP mapping and the real executor with a fake network) are shown in the tool
 * card as data-URL images named "Image n from <tool>"; other types, oversize images and forged
 * URLs are not; and the card shows them again after a reload (a fresh read of the store).
 */
import { deleteDB } from 'idb';
import { For } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { AgentEvent } from '../../../src/core/agent/events';
import { isOutputWithImages, type ToolResult } from '../../../src/core/tool-runner';
import type { ToolCallItem, TurnItem } from '../../../src/core/transcript';
import type { ToolCall } from '../../../src/core/types';
import { restoreTurnsWithImages, type TabagentDb } from '../../../src/store';
import { registerBuiltins } from '../../../src/tools/builtins';
import { createToolExecutor } from '../../../src/tools/executor';
import { mcpResultValue } from '../../../src/tools/mcp/mcp-result';
import { ToolRegistry } from '../../../src/tools/registry';
import { ToolCallCard } from '../../../src/ui/components/tool-call-card';
import { mount, unmountAll } from '../support/mount';
import { persistedChat } from '../support/persisted-chat';
import { finish, message } from '../support/scripted-run';

const DB_NAME = 'tabagent-tool-card-images-test';
const opened: TabagentDb[] = [];
const disposers: (() => void)[] = [];

afterEach(async () => {
  unmountAll();
  for (const dispose of disposers.splice(0)) dispose();
  for (const db of opened.splice(0)) db.close();
  await deleteDB(DB_NAME);
});

/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const PNG_BYTES = Uint8Array.from(atob(PNG), (char) => char.charCodeAt(0));
const SVG = btoa('<svg xmlns="http://www.w3.org/2000/svg"><image href="https://beacon.example/x"/></svg>');

/** What an MCP chart tool answered: a PNG, an SVG and an image over 10 MB, besides its text. */
function mcpToolResult(): ToolResult {
  const value = mcpResultValue(
    {
      content: [
        { type: 'text', text: 'Here is the chart.' },
        { type: 'image', mimeType: 'image/png', data: PNG },
        { type: 'image', mimeType: 'image/svg+xml', data: SVG },
        { type: 'image', mimeType: 'image/png', data: `${PNG}${'A'.repeat(13_400_000)}` },
      ],
    },
    'chart',
  );
  if (!isOutputWithImages(value)) throw new Error('expected images');
  return { content: String(value.value), isError: false, durationMs: 5, images: value.images };
}

/** model_api's image task through the real executor; the API links its image on its own origin. */
async function modelApiResult(call: ToolCall): Promise<ToolResult> {
  const registry = new ToolRegistry();
  registerBuiltins(registry, { modelApi: () => ({ baseUrl: 'https://api.example.com/v1', model: 'm', imageModel: 'painter' }) });
  const fetchFake: typeof fetch = async (input) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.endsWith('/images/generations')) {
      return Response.json({ data: [{ url: 'https://api.example.com/files/fox.png' }, { url: 'https://cdn.example.com/other.png' }] });
    }
    return new Response(PNG_BYTES, { headers: { 'Content-Type': 'image/png' } });
  };
  const runner = createToolExecutor(registry, { fetch: fetchFake });
  return runner.execute(call, { approve: async () => 'allow' });
}

const chartCall: ToolCall = { id: 'c1', name: 'chart', arguments: {} };
const imageCall: ToolCall = { id: 'c2', name: 'model_api', arguments: { task: 'image', prompt: 'a fox' } };

/** A run that calls both tools in one step, with the results given. */
function toolRun(results: [ToolResult, ToolResult]) {
  return async function* run(): AsyncGenerator<AgentEvent> {
    yield { type: 'step-start', step: 1 };
    yield { type: 'tool-call', step: 1, call: chartCall };
    yield { type: 'tool-call', step: 1, call: imageCall };
    yield { type: 'step-finish', step: 1, reason: 'tool-calls', text: '' };
    yield message({ role: 'assistant', content: '', toolCalls: [chartCall, imageCall] });
    yield { type: 'tool-result', step: 1, call: chartCall, result: results[0] };
    yield message({ role: 'tool', toolCallId: 'c1', name: 'chart', content: results[0].content, ...(results[0].images ? { images: results[0].images } : {}) });
    yield { type: 'tool-result', step: 1, call: imageCall, result: results[1] };
    yield message({ role: 'tool', toolCallId: 'c2', name: 'model_api', content: results[1].content, ...(results[1].images ? { images: results[1].images } : {}) });
    yield finish('');
  };
}

function mountCards(items: readonly TurnItem[]): void {
  const cards = items.filter((item): item is ToolCallItem => item.kind === 'tool-call');
  mount(() => <For each={cards}>{(card) => <ToolCallCard item={card} />}</For>);
}

/** The images shown in one tool's card: their accessible names and sources. */
function shownIn(tool: string): Array<{ alt: string; src: string }> {
  const card = page.getByRole('article', { name: `Tool call: ${tool}` }).element();
  return [...card.querySelectorAll('img')].map((img) => ({ alt: img.alt, src: img.src }));
}

describe('tool images in the tool card', () => {
  it('shows MCP and model_api images as named data-URL images, not other types or oversize ones, and again after a reload', async () => {
    const results: [ToolResult, ToolResult] = [mcpToolResult(), await modelApiResult(imageCall)];
    expect(results[1].isError).toBe(false);

    const { store, id, sink, controller } = await persistedChat(DB_NAME, toolRun(results), { opened, disposers });
    await controller.send('Chart it and draw a fox');
    await sink.idle();

    const expected = {
      chart: [{ alt: 'Image 1 from chart', src: `data:image/png;base64,${PNG}` }],
      model_api: [{ alt: 'Image 1 from model_api', src: `data:image/png;base64,${PNG}` }],
    };
    mountCards(controller.turns[0]!.items);
    await expect.element(page.getByRole('img', { name: 'Image 1 from chart', exact: true })).toBeVisible();
    await expect.element(page.getByRole('img', { name: 'Image 1 from model_api', exact: true })).toBeVisible();
    expect(shownIn('chart')).toEqual(expected.chart);
    expect(shownIn('model_api')).toEqual(expected.model_api);
    // The link elsewhere stays text for the model.
    expect(results[1].content).toContain('https://cdn.example.com/other.png');

    // Stored once, as Blobs with the tool messages: the turn's opening record (rewritten with every
    // streaming patch) holds no image data.
    const records = await store.load(id);
    expect(JSON.stringify(records.find((record) => record.turn !== undefined)?.items)).not.toContain(PNG);
    expect(records.filter((record) => record.role === 'tool').map((record) => record.images?.map((image) => image.blob instanceof Blob))).toEqual([[true], [true]]);

    // A reload: a fresh read of the store shows the same images in the cards.
    unmountAll();
    const [restored] = await restoreTurnsWithImages(records);
    mountCards(restored!.items);
    await expect.element(page.getByRole('img', { name: 'Image 1 from chart', exact: true })).toBeVisible();
    expect(shownIn('chart')).toEqual(expected.chart);
    expect(shownIn('model_api')).toEqual(expected.model_api);
    // And the history passes them on again.
    expect(restored!.messages.filter((entry) => entry.role === 'tool').map((entry) => entry.role === 'tool' && entry.images?.length)).toEqual([1, 1]);
  });

  it('shows no image whose URL is not a base64 data URL of an accepted type matching its own (a forged record or backup)', async () => {
    const forged: ToolCallItem = {
      kind: 'tool-call',
      id: 't.0',
      step: 1,
      callId: 'f1',
      name: 'forged',
      arguments: {},
      status: 'done',
      result: 'ok',
      images: [
        { mediaType: 'image/png', dataUrl: 'https://beacon.example/pixel.png' },
        { mediaType: 'image/svg+xml', dataUrl: `data:image/svg+xml;base64,${SVG}` },
        { mediaType: 'image/png', dataUrl: `data:image/svg+xml;base64,${SVG}` },
        { mediaType: 'image/png', dataUrl: `data:text/html;base64,${PNG}` },
        { mediaType: 'image/png', dataUrl: `data:image/png;base64,${PNG}` },
      ],
    };
    mountCards([forged]);
    await expect.element(page.getByRole('img', { name: 'Image 5 from forged', exact: true })).toBeVisible();
    expect(shownIn('forged').map((image) => image.alt)).toEqual(['Image 5 from forged']);
  });
});
