import { deleteDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { ChatEngine } from '../../../src/core/types';
import { loadDataset } from '../../../src/eval/dataset';
import { defaultSettings, openTabagentDb, saveSettings } from '../../../src/store';
import { listEvalRuns, loadEvalExamples } from '../../../src/store/eval-runs';
import { builtinManifests } from '../../../src/tools/builtins';
import { App } from '../../../src/ui/app';
import { sampleExamples } from '../../../src/app/eval/sample-dataset';
import type { AppServices } from '../../../src/app/services';
import answersText from '../../fixtures/eval/bfcl/possible_answers.jsonl?raw';
import questionsText from '../../fixtures/eval/bfcl/questions.jsonl?raw';
import { fakeServices, noTools } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';
import { createReplayEngine } from './replay-engine';

const exact = { exact: true } as const;
let dbName = '';

beforeEach(() => {
  dbName = `tabagent-eval-page-${crypto.randomUUID()}`;
});

afterEach(async () => {
  unmountAll();
  await waitForLocks();
  await deleteDB(dbName);
});

/** Resolves once no eval run holds its Web Lock (a stopped run has fully wound down). */
async function waitForLocks(): Promise<void> {
  await expect.poll(async () => (await navigator.locks.query()).held?.length ?? 0, { timeout: 5000 }).toBe(0);
}

async function configure(): Promise<void> {
  const db = await openTabagentDb({ name: dbName });
  const settings = defaultSettings();
  settings.engine = { ...settings.engine, baseUrl: 'http://127.0.0.1:9/v1', model: 'replay' };
  await saveSettings(db, settings);
  db.close();
}

function mountApp(engine: ChatEngine, change: Partial<AppServices> = {}): void {
  const services = fakeServices(streamingRun(() => ['unused']).run, {
    prepareRun: () => ({ engine, tools: noTools, toolMode: 'native' }),
    toolManifests: () => builtinManifests,
    ...change,
  });
  mount(() => <App services={services} databaseName={dbName} />);
}

async function openEvalPage(): Promise<void> {
  await userEvent.click(page.getByRole('link', { name: 'Eval', ...exact }));
  await expect.element(page.getByRole('heading', { name: 'Evaluate tool use', ...exact })).toBeVisible();
}

/** The value the summary shows for a metric. */
function summaryValue(name: string): string | null | undefined {
  return document.querySelector(`.eval-summary [data-metric="${name}"] dd`)?.textContent;
}

/** The cells of one example's row in the results table: [Action EM, Argument F1, ROUGE-L, well-formed]. */
function rowValues(id: string): string[] {
  const row = [...document.querySelectorAll('.eval-results tbody tr')].find((tr) => tr.querySelector('th')?.textContent?.endsWith(id));
  return [...(row?.querySelectorAll('td') ?? [])].map((cell) => cell.textContent ?? '');
}

/** Runs the chosen dataset and waits until `finished` runs are done. */
async function runToEnd(finished = 1): Promise<void> {
  await userEvent.click(page.getByRole('button', { name: 'Run', ...exact }));
  await expect.poll(() => document.querySelectorAll('.eval-runs tr[data-status="done"]').length, { timeout: 10_000 }).toBe(finished);
  await expect.element(page.getByRole('button', { name: 'Stop', ...exact })).toBeDisabled();
}

describe('Eval page', () => {
  it('scores the bundled sample against a replay of the gold answers: every metric perfect', async () => {
    await configure();
    mountApp(createReplayEngine(sampleExamples));
    await openEvalPage();
    await expect.element(page.getByText('Model: replay @ 127.0.0.1:9', exact)).toBeVisible();
    await runToEnd();
    await expect.poll(() => summaryValue('Scored')).toBe('8');
    expect(summaryValue('Action EM')).toBe('1.000');
    expect(summaryValue('Argument F1')).toBe('1.000');
    expect(summaryValue('ROUGE-L')).toBe('1.000');
    expect(summaryValue('Well-formed calls')).toBe('1.000');
    expect(summaryValue('No-call accuracy')).toBe('1.000');
    expect(summaryValue('Hallucinated tools')).toBe('0.000');
    expect(summaryValue('Failed')).toBe('0');
    expect(rowValues('weather-paris')).toEqual(['yes', '1.000', '1.000', 'yes']);
    expect(rowValues('thanks')).toEqual(['yes', 'n/a', '1.000', 'n/a']);
  });

  it('shows the hand-computed Argument F1 for one wrong argument, with the diff and the chart', async () => {
    await configure();
    // convert-follow-up: gold {amount: 250, from: GBP, to: JPY}; produced to: USD.
    // 2 of 3 pairs right: P = R = F1 = 2/3. Over the 6 examples with gold calls: (5 + 2/3) / 6 = 0.944.
    const engine = createReplayEngine(sampleExamples, {
      edit: (id, calls) => (id === 'convert-follow-up' ? calls.map((call) => ({ ...call, arguments: { ...call.arguments, to: 'USD' } })) : calls),
    });
    mountApp(engine);
    await openEvalPage();
    await runToEnd();
    await expect.poll(() => summaryValue('Argument F1')).toBe('0.944');
    expect(summaryValue('Action EM')).toBe('1.000');
    expect(rowValues('convert-follow-up')).toEqual(['yes', '0.667', 'n/a', 'yes']);

    const disclosure = page.getByRole('button', { name: 'convert-follow-up', ...exact });
    await expect.element(disclosure).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(disclosure);
    await expect.element(disclosure).toHaveAttribute('aria-expanded', 'true');
    const expected = page.getByRole('list', { name: 'Expected calls of convert-follow-up', ...exact });
    const produced = page.getByRole('list', { name: 'Produced calls of convert-follow-up', ...exact });
    await expect.element(expected).toBeVisible();
    await expect.element(produced).toBeVisible();
    // The mismatch is written out, not only coloured.
    await expect.element(expected.getByText('arguments differ', exact)).toBeVisible();
    await expect.element(expected.getByRole('listitem').filter({ hasText: /^to: "JPY"/ }).getByText('differs', exact)).toBeVisible();
    await expect.element(produced.getByRole('listitem').filter({ hasText: /^to: "USD"/ }).getByText('differs', exact)).toBeVisible();
    await expect.element(expected.getByRole('listitem').filter({ hasText: /^amount: 250/ })).not.toHaveTextContent('differs');

    await expect.element(page.getByRole('img', { name: 'Metrics by run', ...exact })).toBeVisible();
    await userEvent.click(page.getByText('Show the chart as a table', exact));
    const table = page.getByRole('table', { name: 'Metrics by run, as a table', ...exact });
    await expect.element(table).toBeVisible();
    await expect.element(table.getByRole('row', { name: /^Argument F1/ })).toHaveTextContent('Argument F10.944');
  });

  it('keeps runs across a fresh page over the same database, compares them, and deletes one', async () => {
    await configure();
    mountApp(createReplayEngine(sampleExamples));
    await openEvalPage();
    await runToEnd();
    const wrong = createReplayEngine(sampleExamples, { edit: (id, calls) => (id === 'weather-paris' ? [{ name: 'get_weather', arguments: { city: 'Lyon' } }] : calls) });
    unmountAll();

    mountApp(wrong);
    await openEvalPage();
    await expect.element(page.getByRole('rowheader', { name: 'Run 1', ...exact })).toBeVisible();
    await runToEnd(2);
    await expect.element(page.getByRole('heading', { name: 'Results of Run 2', ...exact })).toBeVisible();
    unmountAll();

    // A fresh app over the same database: both runs, their summaries and the comparison are back.
    mountApp(createReplayEngine(sampleExamples));
    await openEvalPage();
    await expect.element(page.getByRole('rowheader', { name: 'Run 2', ...exact })).toBeVisible();
    await expect.element(page.getByRole('img', { name: 'Metrics by run', ...exact })).toBeVisible();
    await userEvent.click(page.getByText('Show the chart as a table', exact));
    const table = page.getByRole('table', { name: 'Metrics by run, as a table', ...exact });
    // Run 2 missed one argument of 6 examples with calls: (5 + 0) / 6 = 0.833.
    await expect.element(table.getByRole('row', { name: /^Argument F1/ })).toHaveTextContent('Argument F11.0000.833');
    await userEvent.click(page.getByRole('button', { name: 'Show results of Run 2', ...exact }));
    await expect.poll(() => rowValues('weather-paris')).toEqual(['yes', '0.000', '1.000', 'yes']);

    await userEvent.click(page.getByRole('button', { name: 'Delete Run 2', ...exact }));
    await userEvent.click(page.getByRole('button', { name: 'Confirm delete', ...exact }));
    await expect.element(page.getByRole('rowheader', { name: 'Run 2', ...exact })).not.toBeInTheDocument();
    await expect.element(page.getByRole('heading', { name: 'Results of Run 2', ...exact })).not.toBeInTheDocument();
    const db = await openTabagentDb({ name: dbName });
    const runs = await listEvalRuns(db);
    expect(runs).toHaveLength(1);
    expect(runs[0]?.summary?.argumentF1).toBe(1);
    expect(await loadEvalExamples(db, runs[0]?.id ?? '')).toHaveLength(8);
    db.close();
  });

  it('shows progress, and resumes a run interrupted by a reload without asking again what it had', async () => {
    await configure();
    const slow = createReplayEngine(sampleExamples, { delayMs: 120 });
    mountApp(slow);
    await openEvalPage();
    await userEvent.click(page.getByRole('button', { name: 'Run', ...exact }));
    const progress = page.getByRole('progressbar', { name: 'Evaluation progress', ...exact });
    await expect.element(progress).toHaveAttribute('aria-valuemax', '8');
    await expect.element(progress, { timeout: 10_000 }).toHaveAttribute('aria-valuenow', '2');
    // The tab goes away mid-run.
    unmountAll();
    await waitForLocks();

    const db = await openTabagentDb({ name: dbName });
    const [stored] = await listEvalRuns(db);
    const before = (await loadEvalExamples(db, stored?.id ?? '')).flatMap((record) => {
      const result = record.result as { id: string; error?: string } | null;
      return result && result.error === undefined ? [result.id] : [];
    });
    db.close();
    expect(before.length).toBeGreaterThanOrEqual(2);
    expect(before.length).toBeLessThan(8);

    const fresh = createReplayEngine(sampleExamples);
    mountApp(fresh);
    await openEvalPage();
    const status = page.getByRole('row', { name: /^Run 1/ });
    await expect.element(status).toHaveTextContent(/Interrupted|Stopped/);
    await userEvent.click(page.getByRole('button', { name: 'Resume Run 1', ...exact }));
    await expect.element(page.getByRole('cell', { name: 'Done', ...exact }), { timeout: 10_000 }).toBeVisible();
    await expect.poll(() => summaryValue('Scored')).toBe('8');
    expect(summaryValue('Action EM')).toBe('1.000');
    // Only what had no result was asked again.
    expect(fresh.asked.filter((id) => before.includes(id))).toEqual([]);
    expect(new Set([...before, ...fresh.asked]).size).toBe(8);
    expect(fresh.asked).toHaveLength(8 - before.length);
  });

  it('reads a BFCL question file with its possible-answer file from two file inputs', async () => {
    await configure();
    const { examples } = loadDataset(questionsText, answersText);
    mountApp(createReplayEngine(examples));
    await openEvalPage();
    await userEvent.click(page.getByRole('radio', { name: 'A file of my own', ...exact }));
    await expect.element(page.getByRole('button', { name: 'Run', ...exact })).toBeDisabled();
    await userEvent.upload(page.getByLabelText('Dataset file', exact), new File([questionsText], 'questions.jsonl', { type: 'text/plain' }));
    await expect.element(page.getByText(/This file cannot be used: .*no possible answer/)).toBeVisible();
    await userEvent.upload(page.getByLabelText('Possible answers file (BFCL)', exact), new File([answersText], 'possible_answers.jsonl', { type: 'text/plain' }));
    await expect.element(page.getByText('7 examples (BFCL) ready.', exact)).toBeVisible();
    await runToEnd();
    await expect.element(page.getByRole('cell', { name: 'questions.jsonl', ...exact })).toBeVisible();
    await expect.poll(() => summaryValue('Scored')).toBe('7');
    expect(summaryValue('Action EM')).toBe('1.000');
    expect(summaryValue('Argument F1')).toBe('1.000');
    expect(summaryValue('No-call accuracy')).toBe('1.000');
  });

  it('says what to do when no model is configured', async () => {
    // The default scripted services refuse a run until settings name a model, as the real ones do.
    mount(() => <App services={fakeServices(streamingRun(() => ['unused']).run)} databaseName={dbName} />);
    await openEvalPage();
    await userEvent.click(page.getByRole('button', { name: 'Run', ...exact }));
    await expect.element(page.getByRole('alert')).toHaveTextContent('No model is connected yet. Open Settings and enter a Base URL and a model.');
    await expect.element(page.getByText('No runs yet.', exact)).toBeVisible();
  });

  it('records a failed request per example and retries only the failed ones', async () => {
    await configure();
    const replay = createReplayEngine(sampleExamples);
    let failures = 0;
    // The server is down for the "thanks" example the first time it is asked.
    const flaky: ChatEngine = {
      ...replay,
      async *chat(request, signal) {
        if (request.messages.at(-1)?.content === "Thanks, that's all for today!" && failures === 0) {
          failures += 1;
          throw new Error('HTTP 503: the server is busy');
        }
        yield* replay.chat(request, signal);
      },
    };
    mountApp(flaky);
    await openEvalPage();
    await runToEnd();
    await expect.poll(() => summaryValue('Failed')).toBe('1');
    expect(rowValues('thanks')).toEqual(['failed: HTTP 503: the server is busy']);
    expect(summaryValue('Scored')).toBe('7');
    const asked = replay.asked.length;
    await userEvent.click(page.getByRole('button', { name: 'Retry the failed examples of Run 1', ...exact }));
    await expect.poll(() => summaryValue('Failed')).toBe('0');
    expect(summaryValue('Scored')).toBe('8');
    expect(replay.asked.slice(asked)).toEqual(['thanks']);
    await expect.element(page.getByRole('button', { name: 'Retry the failed examples of Run 1', ...exact })).not.toBeInTheDocument();
  });

  it('refuses a file it cannot read, naming the line', async () => {
    await configure();
    mountApp(createReplayEngine(sampleExamples));
    await openEvalPage();
    await userEvent.click(page.getByRole('radio', { name: 'A file of my own', ...exact }));
    await userEvent.upload(page.getByLabelText('Dataset file', exact), new File(['{"id": "a", "gold": {"calls": []}, "tools": [], "messages": []}\nnot json\n'], 'bad.jsonl'));
    await expect.element(page.getByText(/This file cannot be used: line 2: not valid JSON/)).toBeVisible();
    await expect.element(page.getByRole('button', { name: 'Run', ...exact })).toBeDisabled();
  });
});
