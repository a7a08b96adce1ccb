/**
 * The run_python built-in around its sandbox: registration, the limits it asks for, how outcomes
 * become tool results, and its refusal where no Web Worker exists. The interpreter itself (Pyodide
 * in its worker) is tested in Chromium: tests/browser/sandbox/python-sandbox.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { registerBuiltins } from '../../../src/tools/builtins';
import { manifest, RUN_PYTHON_LIMITS, RUN_PYTHON_TIMEOUT_MS } from '../../../src/tools/builtins/run-python';
import { createToolExecutor } from '../../../src/tools/executor';
import { ToolRegistry } from '../../../src/tools/registry';
import { defaultPythonSandbox } from '../../../src/tools/sandbox/python/default-python';
import type { SandboxOutcome, SandboxRequest, SandboxRunner } from '../../../src/tools/sandbox/types';

/** A runner that answers each request with `answer` and records what it was asked. */
function fakeRunner(answer: SandboxOutcome): SandboxRunner & { requests: SandboxRequest[] } {
  const requests: SandboxRequest[] = [];
  return {
    requests,
    run: async (request) => {
      requests.push(request);
      return answer;
    },
    dispose: () => undefined,
  };
}

function executor(runner: SandboxRunner) {
  const registry = new ToolRegistry();
  registerBuiltins(registry, { pythonSandbox: () => runner });
  return { registry, tools: createToolExecutor(registry) };
}

const output = { stdout: '', stderr: '', truncated: false, durationMs: 1 };

describe('the run_python built-in', () => {
  it('is registered as a sandbox tool without side effects or origins, and says only the standard library exists', () => {
    const { registry, tools } = executor(fakeRunner({ ok: true, ...output }));
    expect(registry.get('run_python')?.manifest).toMatchObject({ kind: 'sandbox', sideEffects: false, allowedOrigins: [] });
    expect(tools.requiresApproval('run_python')).toBe(false);
    // The first call loads Pyodide: longer than the executor's default 30 s on a slow machine.
    expect(registry.get('run_python')?.timeoutMs).toBe(RUN_PYTHON_TIMEOUT_MS);
    expect(manifest.description).toContain('Only the Python standard library is available');
    expect(manifest.description).toContain('no package downloads');
  });

  it('runs the code with run_python’s limits and returns the value’s repr and the output', async () => {
    const runner = fakeRunner({ ok: true, value: '42', ...output, stdout: '42\n' });
    const result = await executor(runner).tools.execute({ id: 'p1', name: 'run_python', arguments: { code: 'print(6*7)\n6*7' } });
    expect(result).toMatchObject({ isError: false, content: '{"result":"42","stdout":"42\\n"}' });
    expect(runner.requests).toEqual([{ code: 'print(6*7)\n6*7', limits: RUN_PYTHON_LIMITS }]);
  });

  it('returns a failure to the model as a tool error naming the Python exception and line', async () => {
    const runner = fakeRunner({ ok: false, error: { kind: 'thrown', name: 'ZeroDivisionError', message: 'division by zero', line: 2 }, ...output, stdout: 'step 1\n' });
    const result = await executor(runner).tools.execute({ id: 'p2', name: 'run_python', arguments: { code: 'print("step 1")\n1/0' } });
    expect(result.isError).toBe(true);
    expect(JSON.parse(result.content)).toEqual({ error: 'The code threw ZeroDivisionError: division by zero (line 2).\nstdout:\nstep 1' });
  });

  it('reports the time limit with run_python’s own 10 s', async () => {
    const runner = fakeRunner({ ok: false, error: { kind: 'time-limit', message: 'terminated' }, ...output });
    const result = await executor(runner).tools.execute({ id: 'p3', name: 'run_python', arguments: { code: 'while True: pass' } });
    expect(JSON.parse(result.content)).toEqual({ error: expect.stringMatching(/^The code ran longer than its 10 s time limit and was stopped\./) as unknown });
  });
});

describe('the default Python sandbox outside a browser', () => {
  it('refuses with a typed error that says why (no Web Worker to stop a runaway run)', () => {
    expect(typeof Worker).toBe('undefined');
    const error = (() => {
      try {
        defaultPythonSandbox();
        return undefined;
      } catch (caught) {
        return caught;
      }
    })();
    expect(TabagentError.is(error)).toBe(true);
    expect((error as TabagentError).message).toMatch(/^run_python needs a browser/);
  });
});
