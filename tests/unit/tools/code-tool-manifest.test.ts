import { describe, expect, it } from 'vitest';
import { manifest as runJavascript } from '../../../src/tools/builtins/run-javascript';
import { manifest as runPython, RUN_PYTHON_LIMITS } from '../../../src/tools/builtins/run-python';
import { codeToolDescription } from '../../../src/tools/builtins/code-tool-manifest';

const parts = { language: 'Lua', output: 'printed output', results: 'The result comes back.', environment: 'No network.' };

describe('code tool manifests', () => {
  it('states the limits a tool really runs with, and the sandbox defaults otherwise', () => {
    expect(codeToolDescription(parts)).toContain('Limits: 2 s of computing time and 32 MB of memory per run.');
    expect(codeToolDescription({ ...parts, limits: { cpuTimeMs: 500, memoryBytes: 64 * 1024 * 1024 } })).toContain(
      'Limits: 0.5 s of computing time and 64 MB of memory per run.',
    );
    expect(RUN_PYTHON_LIMITS).toMatchObject({ cpuTimeMs: 10_000, memoryBytes: 256 * 1024 * 1024 });
    expect(runPython.description).toContain('Limits: 10 s of computing time and 256 MB of memory per run.');
    expect(runJavascript.description).toContain('Limits: 2 s of computing time and 32 MB of memory per run.');
  });

  it('puts each language between the shared sentences, in order', () => {
    expect(codeToolDescription({ ...parts, interpreter: 'Fengari', alsoFor: ['sorting'], note: 'One more thing.' })).toBe(
      'Runs Lua code in an isolated sandbox (Fengari) and returns its result and printed output. ' +
        'Use it for exact computation, counting, data transformation, string processing, sorting, dates and small algorithms. ' +
        'The result comes back. No network. Limits: 2 s of computing time and 32 MB of memory per run. One more thing.',
    );
  });

  it('gives both tools the same sandbox kind and one required code string', () => {
    for (const manifest of [runJavascript, runPython]) {
      expect(manifest).toMatchObject({ kind: 'sandbox', sideEffects: false, allowedOrigins: [] });
      expect(manifest.parameters).toMatchObject({ type: 'object', required: ['code'], additionalProperties: false, properties: { code: { type: 'string', minLength: 1, maxLength: 20_000 } } });
    }
  });
});
