/**
 * The sandbox as the app runs it: QuickJS in a dedicated worker, the .wasm served by our own
 * build. Same escape probes as in Node, plus what only a worker can show: the page stays
 * responsive during a runaway run, and a worker that stops answering is killed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSandboxWorker } from '../../../src/tools/sandbox/spawn';
import { createWorkerSandbox } from '../../../src/tools/sandbox/worker-sandbox';
import type { SandboxOutcome } from '../../../src/tools/sandbox/types';
import type { ToolProgress } from '../../../src/core/tool-runner';
import { runAgent } from '../../../src/core/agent/run-agent';
import { registerBuiltins } from '../../../src/tools/builtins';
import { createToolExecutor } from '../../../src/tools/executor';
import { ToolRegistry } from '../../../src/tools/registry';
import { createScriptedEngine, textChunks, toolCallChunks } from '../../support/scripted-engine';
import { ESCAPE_PROBES, HOST_ONLY_GLOBALS } from '../../support/sandbox-probes';

const sandbox = createWorkerSandbox();
afterAll(() => sandbox.dispose());

function failureOf(outcome: SandboxOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

describe('worker sandbox isolation (Chromium)', () => {
  it.each(ESCAPE_PROBES.map((probe) => [probe.name, probe] as const))('blocks %s', { timeout: 60_000 }, async (_name, probe) => {
    const outcome = await sandbox.run({ code: probe.code });
    if (probe.expect.ok) {
      expect(outcome).toMatchObject({ ok: true, value: probe.expect.value });
      return;
    }
    const failure = failureOf(outcome);
    expect(failure.kind).toBe(probe.expect.kind);
    if (probe.expect.name) expect(failure.name).toBe(probe.expect.name);
    expect(failure.message).toBe(probe.expect.message);
  });

  it('exposes none of the page or worker globals', { timeout: 60_000 }, async () => {
    const outcome = await sandbox.run({ code: 'Object.getOwnPropertyNames(globalThis)' });
    expect(outcome.ok).toBe(true);
    const names = outcome.ok ? (outcome.value as string[]) : [];
    for (const name of HOST_ONLY_GLOBALS) expect(names).not.toContain(name);
  });

  it('cannot change the page: prototypes, storage and the DOM are untouched', { timeout: 60_000 }, async () => {
    localStorage.setItem('tabagent-sandbox-canary', 'kept');
    const outcome = await sandbox.run({ code: 'Object.prototype.polluted = 1; Array.prototype.polluted = 1; JSON.parse(\'{"__proto__": {"polluted": 1}}\')' });
    expect(outcome.ok).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();
    expect(outcome.ok && Object.getPrototypeOf(outcome.value)).toBe(Object.prototype);
    expect(localStorage.getItem('tabagent-sandbox-canary')).toBe('kept');
    localStorage.removeItem('tabagent-sandbox-canary');
  });

  it('runs ordinary code with args, output and a value', { timeout: 60_000 }, async () => {
    const outcome = await sandbox.run({ code: 'console.log("sum of", args.numbers.length); console.error("warned"); return args.numbers.reduce((a, b) => a + b, 0)', args: { numbers: [1, 2, 3, 4] } });
    expect(outcome).toMatchObject({ ok: true, value: 10, stdout: 'sum of 4\n', stderr: 'warned\n' });
  });
});

describe('worker sandbox limits (Chromium)', () => {
  it('stops an infinite loop at the time limit while the page keeps running', { timeout: 60_000 }, async () => {
    await sandbox.run({ code: '"warm"' });
    let ticks = 0;
    const interval = setInterval(() => {
      ticks += 1;
    }, 20);
    const outcome = await sandbox.run({ code: 'while (true) {}', limits: { cpuTimeMs: 1000 } });
    clearInterval(interval);
    // Interrupted inside the loop, or, on a CPU-starved machine where the interrupt check came too
    // late, the worker terminated after the grace period: either way the limit stopped it.
    expect(failureOf(outcome)).toMatchObject({ kind: 'time-limit', message: expect.stringMatching(/^interrupted$|worker was terminated/) });
    // The loop ran on the worker's thread: the page's own timers kept firing meanwhile.
    expect(ticks).toBeGreaterThan(5);
    expect(await sandbox.run({ code: '"next run works"' })).toMatchObject({ ok: true, value: 'next run works' });
  });

  it('stops a huge allocation at the memory limit', { timeout: 60_000 }, async () => {
    const outcome = await sandbox.run({ code: 'const keep = []; for (;;) keep.push(new Uint8Array(1 << 20))' });
    expect(failureOf(outcome)).toMatchObject({ kind: 'memory-limit', name: 'InternalError', message: 'out of memory' });
  });

  it('stops deep recursion at the stack limit', { timeout: 60_000 }, async () => {
    const outcome = await sandbox.run({ code: 'function down(n) { return down(n + 1) + 1 } down(0)' });
    expect(failureOf(outcome)).toMatchObject({ kind: 'stack-limit', message: 'stack overflow' });
  });

  it('reports a never-settling promise at once', { timeout: 60_000 }, async () => {
    const outcome = await sandbox.run({ code: 'await new Promise(() => {})', limits: { cpuTimeMs: 1000 } });
    expect(failureOf(outcome).kind).toBe('never-settled');
  });

  it('stops a run on abort and terminates its worker', { timeout: 60_000 }, async () => {
    const controller = new AbortController();
    const running = sandbox.run({ code: 'while (true) {}', limits: { cpuTimeMs: 30_000 } }, controller.signal);
    setTimeout(() => controller.abort(), 300);
    expect(failureOf(await running).kind).toBe('aborted');
    expect(sandbox.liveWorkers()).toBeLessThanOrEqual(1);
    expect(await sandbox.run({ code: '1 + 1' })).toMatchObject({ ok: true, value: 2 });
  });

  it('terminates a worker stuck past the time limit, even if the interpreter never gives up', { timeout: 60_000 }, async () => {
    // Stands in for an interpreter bug: a worker that says it is ready (speaking comlink's
    // wire format), then spins forever on the run, ignoring every limit.
    const script = `self.onmessage = (event) => {
      const message = event.data;
      if (message.path[0] === 'ready') self.postMessage({ id: message.id, type: 'RAW', value: undefined });
      else for (;;) {}
    };`;
    const stuck = createWorkerSandbox({ spawn: () => new Worker(URL.createObjectURL(new Blob([script], { type: 'text/javascript' }))) });
    const started = performance.now();
    const outcome = await stuck.run({ code: '1', limits: { cpuTimeMs: 500 } });
    expect(failureOf(outcome)).toMatchObject({
      kind: 'time-limit',
      message: 'the code was still running 600 ms after it started, so its worker was terminated',
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(500);
    expect(stuck.liveWorkers()).toBe(0);
    stuck.dispose();
  });

  it('gives up on a worker that never starts', { timeout: 60_000 }, async () => {
    const silent = createWorkerSandbox({
      spawn: () => new Worker(URL.createObjectURL(new Blob(['self.onmessage = () => {};'], { type: 'text/javascript' }))),
      startTimeoutMs: 500,
    });
    const outcome = await silent.run({ code: '1' });
    expect(failureOf(outcome).kind).toBe('crashed');
    expect(silent.liveWorkers()).toBe(0);
    silent.dispose();
  });

  it.each([
    ['many small allocations', 'const a = []; for (;;) a.push({})', ['memory-limit', 'time-limit']],
    ['a self-scheduling promise chain', 'const p = () => Promise.resolve().then(p); p(); 1', ['memory-limit', 'time-limit']],
    ['an infinite loop', 'for (;;) {}', ['time-limit']],
    ['a huge allocation', 'new ArrayBuffer(1e9)', ['memory-limit']],
    ['a never-settling promise', 'await new Promise(() => {})', ['never-settled']],
  ] as const)('stops %s at the CPU limit with a typed failure, and never reuses a worker after a limit', { timeout: 60_000 }, async (_name, code, kinds) => {
    let spawned = 0;
    const counted = createWorkerSandbox({ spawn: () => ((spawned += 1), spawnSandboxWorker()) });
    await counted.run({ code: '"warm"' });
    expect(spawned).toBe(1);
    const started = performance.now();
    const outcome = await counted.run({ code, limits: { cpuTimeMs: 1000 } });
    // Limit plus the 100 ms grace, with room for a loaded machine (without the limit it never returns).
    expect(performance.now() - started).toBeLessThanOrEqual(1600);
    expect(kinds).toContain(failureOf(outcome).kind);
    expect(await counted.run({ code: '6 * 7' })).toMatchObject({ ok: true, value: 42 });
    // A worker whose run ended at a limit (or whose interpreter aborted) was terminated, not reused.
    expect(spawned).toBe(kinds.includes('never-settled' as never) ? 1 : 2);
    counted.dispose();
    expect(counted.liveWorkers()).toBe(0);
  });

  it('leaves no worker behind after 100 runs of runaway code', { timeout: 300_000 }, async () => {
    const pool = createWorkerSandbox();
    // Runaways between ordinary runs, so that workers are both replaced and reused.
    const codes = ['const a = []; for (;;) a.push({})', '1', 'const p = () => Promise.resolve().then(p); p(); 1', 'throw null', 'for (;;) {}', 'new ArrayBuffer(1e9)', 'await new Promise(() => {})', '"ok"'];
    for (let index = 0; index < 100; index++) {
      await pool.run({ code: codes[index % codes.length]!, limits: { cpuTimeMs: 50 } });
      expect(pool.liveWorkers()).toBeLessThanOrEqual(1);
    }
    pool.dispose();
    expect(pool.liveWorkers()).toBe(0);
  });

  it('leaves no worker behind after many runs, failures included', { timeout: 120_000 }, async () => {
    const pool = createWorkerSandbox();
    const codes = ['1', 'throw new Error("x")', 'while (true) {}', 'new ArrayBuffer(1e9)', 'function f() { return f() } f()', 'fetch("x")'];
    for (let index = 0; index < 24; index++) {
      await pool.run({ code: codes[index % codes.length] ?? '1', limits: { cpuTimeMs: 100 } });
      expect(pool.liveWorkers()).toBeLessThanOrEqual(1);
    }
    // Concurrent runs use one worker each; afterwards at most one idle worker is kept.
    const results = await Promise.all([1, 2, 3].map((n) => pool.run({ code: `${n} * 2` })));
    expect(results.map((result) => result.ok && result.value)).toEqual([2, 4, 6]);
    expect(pool.liveWorkers()).toBeLessThanOrEqual(1);
    pool.dispose();
    expect(pool.liveWorkers()).toBe(0);
  });
});

describe('worker sandbox progress (Chromium)', () => {
  it('says it is starting a new worker and then running, and says nothing when a warm worker runs', { timeout: 60_000 }, async () => {
    const own = createWorkerSandbox();
    try {
      const first: ToolProgress[] = [];
      expect(await own.run({ code: '1 + 1' }, undefined, (report) => first.push(report))).toMatchObject({ ok: true, value: 2 });
      expect(first).toEqual([
        { progress: 0, total: 2, message: 'Starting the JavaScript sandbox…' },
        { progress: 1, total: 2, message: 'Running the code…' },
      ]);
      const warm: ToolProgress[] = [];
      expect(await own.run({ code: '2 + 2' }, undefined, (report) => warm.push(report))).toMatchObject({ ok: true, value: 4 });
      expect(warm).toEqual([]);
    } finally {
      own.dispose();
    }
  });

  it('run_javascript in the agent loop: the card hears the new worker start, as tool-call-progress events', { timeout: 60_000 }, async () => {
    const own = createWorkerSandbox();
    try {
      const registry = new ToolRegistry();
      registerBuiltins(registry, { sandbox: () => own });
      const engine = createScriptedEngine([
        toolCallChunks([{ id: 'j1', name: 'run_javascript', arguments: { code: '6 * 7' } }]),
        textChunks('42.'),
      ]);
      const progress: ToolProgress[] = [];
      for await (const event of runAgent({ engine, tools: createToolExecutor(registry), messages: [{ role: 'user', content: '6 times 7?' }] })) {
        if (event.type === 'tool-call-progress' && event.call.name === 'run_javascript') progress.push(event.progress);
      }
      expect(progress.map((report) => report.progress)).toEqual([0, 1]);
      expect(progress[0]?.message).toBe('Starting the JavaScript sandbox…');
    } finally {
      own.dispose();
    }
  });
});
