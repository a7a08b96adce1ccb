/**
 * Startup: the built app in headless Chromium against a blank Vite page built in the same run,
 * both served by `vite preview` on this machine. Figures are medians over RUNS cold loads (a fresh
 * browser context each: no HTTP cache, no service worker) and warm loads (a second load in the same
 * context), reported as ratios app / blank, plus the gzipped size of the initial JavaScript.
 *
 *   first paint   first-contentful-paint
 *   interactive   the message box takes input (app: `.app textarea`, shown in the person's language
 *                 from the first-screen copy, src/app/settings/first-screen.ts; a message sent
 *                 before the saved settings are read waits for them; blank: its textarea) and the
 *                 main thread has had no long task for 500 ms: the later of the two
 *   loaded        the app's saved settings read (`.app[data-ready]`), reported, not a ratio
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { build, preview, type PreviewServer } from 'vite';
import { chromiumArgs } from '../vitest.config';
import { initialFiles, measureFiles, type BuildManifest } from './startup/initial-js';
import { probeScript, QUIET_MS, SAMPLE_EXPRESSION, SETTLED_EXPRESSION, type StartupSample } from './startup/page-probe';

const RUNS = 9;
/** The budget for the initial JavaScript, gzipped (issue 17: the entry chunk and its static imports). */
const INITIAL_JS_LIMIT_BYTES = 150 * 1024;

interface Target {
  name: 'app' | 'blank';
  url: string;
  readySelector: string;
  loadedSelector: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function medians(samples: StartupSample[]): StartupSample {
  const keys = Object.keys(samples[0] ?? {}) as Array<keyof StartupSample>;
  return Object.fromEntries(keys.map((key) => [key, Number(median(samples.map((sample) => sample[key])).toFixed(1))])) as unknown as StartupSample;
}

/** A page with nothing but a heading and a text box, built by Vite like the app. */
async function buildBlank(folder: string): Promise<string> {
  const source = join(folder, 'blank-src');
  mkdirSync(source, { recursive: true });
  writeFileSync(
    join(source, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>Blank</title></head><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>\n',
  );
  writeFileSync(
    join(source, 'main.js'),
    "document.getElementById('root').innerHTML = '<h1>Blank</h1><label>Message <textarea></textarea></label>';\n",
  );
  const outDir = join(folder, 'blank');
  await build({ root: source, configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022' } });
  return outDir;
}

async function serve(outDir: string): Promise<PreviewServer> {
  return preview({
    // Vite refuses an outDir equal to root; serve the folder from its parent.
    root: dirname(outDir),
    configFile: false,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
}

/**
 * Polls SETTLED_EXPRESSION from here. Not `page.waitForFunction`: it compiles a string predicate
 * inside the page, which the app's Content-Security-Policy (no 'unsafe-eval') refuses, while
 * `page.evaluate` of an expression runs through the debugger protocol, outside the policy.
 */
async function waitUntilSettled(page: Page, timeoutMs = 60_000, pollMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!((await page.evaluate(SETTLED_EXPRESSION)) as boolean)) {
    if (Date.now() > deadline) throw new Error(`The page did not settle within ${timeoutMs} ms (ready selector and ${QUIET_MS} ms without a long task).`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** One cold load (fresh context) and one warm load (same context again) of a target. */
async function loadTwice(browser: Browser, target: Target): Promise<{ cold: StartupSample; warm: StartupSample }> {
  const context = await browser.newContext({ locale: 'en-US' });
  try {
    await context.addInitScript(probeScript(target.readySelector, target.loadedSelector));
    const page = await context.newPage();
    const measure = async (): Promise<StartupSample> => {
      await waitUntilSettled(page);
      return (await page.evaluate(SAMPLE_EXPRESSION)) as StartupSample;
    };
    await page.goto(target.url);
    const cold = await measure();
    await page.goto(target.url);
    const warm = await measure();
    return { cold, warm };
  } finally {
    await context.close();
  }
}

/** Runs the bench; returns figures for bench/results/startup.json. */
export async function runStartupBench(): Promise<Record<string, unknown>> {
  const root = new URL('..', import.meta.url).pathname;
  const work = mkdtempSync(join(tmpdir(), 'tabagent-startup-'));
  const servers: PreviewServer[] = [];
  let browser: Browser | undefined;
  try {
    const appDir = join(work, 'app');
    await build({ root, logLevel: 'warn', build: { outDir: appDir, emptyOutDir: true, manifest: true } });
    const blankDir = await buildBlank(work);
    const manifest = JSON.parse(readFileSync(join(appDir, '.vite', 'manifest.json'), 'utf8')) as BuildManifest;
    const initial = initialFiles(manifest);
    const js = measureFiles(appDir, initial.js);
    const css = measureFiles(appDir, initial.css);

    const [appServer, blankServer] = await Promise.all([serve(appDir), serve(blankDir)]);
    servers.push(appServer, blankServer);
    const urlOf = (server: PreviewServer): string => server.resolvedUrls?.local[0] ?? '';
    const targets: Target[] = [
      { name: 'blank', url: urlOf(blankServer), readySelector: 'textarea', loadedSelector: 'textarea' },
      { name: 'app', url: urlOf(appServer), readySelector: '.app textarea', loadedSelector: '.app[data-ready]' },
    ];
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
    // One unrecorded round first: the browser's own start-up work would otherwise land on whichever page goes first.
    for (const target of targets) await loadTwice(browser, target);
    const samples = { app: { cold: [] as StartupSample[], warm: [] as StartupSample[] }, blank: { cold: [] as StartupSample[], warm: [] as StartupSample[] } };
    for (let run = 0; run < RUNS; run += 1) {
      // Alternate the order, so drift in machine load hits both pages alike.
      const order = run % 2 === 0 ? targets : [...targets].reverse();
      for (const target of order) {
        const { cold, warm } = await loadTwice(browser, target);
        samples[target.name].cold.push(cold);
        samples[target.name].warm.push(warm);
      }
    }
    const app = { cold: medians(samples.app.cold), warm: medians(samples.app.warm) };
    const blank = { cold: medians(samples.blank.cold), warm: medians(samples.blank.warm) };
    const ratio = (a: number, b: number): number => Number((a / b).toFixed(2));
    return {
      description: `Built app vs a blank Vite page, both from vite preview on 127.0.0.1, headless Chromium; medians of ${RUNS} cold loads (fresh context) and ${RUNS} warm loads (same context, HTTP cache and service worker); ratios are app / blank`,
      definitions: {
        firstContentfulPaint: 'the first-contentful-paint entry',
        interactive:
          "ready: the message box takes input (app: `.app textarea`, in the person's language from the first-screen copy; a message sent before the saved settings are read waits for them; blank: its textarea), and no long task (> 50 ms) for 500 ms after: the later of ready and the end of the last long task",
        loaded: 'the app: its saved settings read (`.app[data-ready]`); blank: as ready',
        initialJs: "the entry chunk and its static imports from Vite's build manifest, gzip at zlib's default level",
      },
      browser: browser.version(),
      // Timings on a shared machine move with its load; the ratios are what to compare across runs.
      machine: { cpus: availableParallelism(), loadAverage1m: Number((loadavg()[0] ?? 0).toFixed(1)) },
      ratios: {
        first_contentful_paint: ratio(app.cold.firstContentfulPaintMs, blank.cold.firstContentfulPaintMs),
        interactive: ratio(app.cold.interactiveMs, blank.cold.interactiveMs),
        warm_first_contentful_paint: ratio(app.warm.firstContentfulPaintMs, blank.warm.firstContentfulPaintMs),
        warm_interactive: ratio(app.warm.interactiveMs, blank.warm.interactiveMs),
      },
      app,
      blank,
      initialJs: {
        files: initial.js,
        bytes: js.bytes,
        gzipBytes: js.gzipBytes,
        gzipKB: Number((js.gzipBytes / 1024).toFixed(1)),
        limitGzipKB: INITIAL_JS_LIMIT_BYTES / 1024,
        withinLimit: js.gzipBytes <= INITIAL_JS_LIMIT_BYTES,
      },
      initialCss: { files: initial.css, bytes: css.bytes, gzipBytes: css.gzipBytes },
    };
  } finally {
    await browser?.close();
    await Promise.all(servers.map((server) => server.close()));
    rmSync(work, { recursive: true, force: true });
  }
}
