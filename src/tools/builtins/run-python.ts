import type { ToolManifest } from '../manifest';
import { codeToolManifest } from './code-tool-manifest';
import type { ToolImplementation } from '../registry';
import type { SandboxLimits } from '../sandbox/types';
import { sandboxedCodeTool, type SandboxSource } from './run-javascript';

/** run_python's limits: Python is slower than JavaScript and its interpreter larger, so both are wider than run_javascript's. */
export const RUN_PYTHON_LIMITS: Readonly<Partial<SandboxLimits>> = Object.freeze({ cpuTimeMs: 10_000, memoryBytes: 256 * 1024 * 1024 });

/**
 * How long one run_python call may take in all (the executor's per-tool timeout, 30 s by default,
 * would stop it): the first call loads Pyodide in a new worker, which measured ~35 s in headless
 * Chromium on a loaded 2-core machine. The code itself is bounded by its own 10 s limit.
 */
export const RUN_PYTHON_TIMEOUT_MS = 200_000;

export const manifest: ToolManifest = codeToolManifest({
  name: 'run_python',
  language: 'Python 3',
  interpreter: 'Pyodide',
  output: 'printed output',
  results: 'The repr of the last expression is the result; print() output comes back as stdout. Each run starts with fresh variables.',
  environment:
    'Only the Python standard library is available: packages such as numpy or pandas cannot be installed (no package downloads, ' +
    'no micropip), and there is no network, no files outside the run, and no input().',
  limits: RUN_PYTHON_LIMITS,
  note: 'The first run loads the interpreter, which takes a few seconds.',
  code: 'The Python source. End with an expression to give the result, or print() what you need.',
  examples: [
    {
      query: 'What is 2 to the power of 100?',
      arguments: { code: '2 ** 100' },
    },
    {
      query: 'How many days are there between 2024-01-15 and 2024-03-01?',
      arguments: { code: 'from datetime import date\n(date(2024, 3, 1) - date(2024, 1, 15)).days' },
    },
    {
      query: 'Which words in "the cat and the hat and the bat" are most common?',
      arguments: { code: 'from collections import Counter\nCounter("the cat and the hat and the bat".split()).most_common(2)' },
    },
  ],
});

const defaultSource: SandboxSource = async () => (await import('../sandbox/python/default-python')).defaultPythonSandbox();

/** The run_python tool over `source` (Pyodide loads on the first call, in its own worker, not with the app). */
export function createRunPython(source: SandboxSource = defaultSource): ToolImplementation {
  return sandboxedCodeTool(source, RUN_PYTHON_LIMITS);
}

export const implementation: ToolImplementation = createRunPython();
