import type { ToolManifest } from '../manifest';
import { codeToolManifest } from './code-tool-manifest';
import type { ToolImplementation } from '../registry';
import type { SandboxLimits, SandboxRunner } from '../sandbox/types';

export const manifest: ToolManifest = codeToolManifest({
  name: 'run_javascript',
  language: 'JavaScript',
  output: 'console output',
  alsoFor: ['sorting'],
  results: 'The value of the last expression (or of a top-level `return`) is the result; console.log output comes back as stdout.',
  environment: 'Only the standard JavaScript built-ins exist: no network, no files, no DOM, no timers, no modules.',
  code: 'The JavaScript source. End with an expression (or `return` a value) to give the result.',
  examples: [
    {
      query: 'What is the 30th Fibonacci number?',
      arguments: { code: 'let a = 0, b = 1;\nfor (let i = 0; i < 30; i++) [a, b] = [b, a + b];\na' },
    },
    {
      query: 'Sort these words by length: pear, fig, banana',
      arguments: { code: "['pear', 'fig', 'banana'].sort((x, y) => x.length - y.length)" },
    },
    {
      query: 'How many days are there between 2024-01-15 and 2024-03-01?',
      arguments: { code: "(Date.UTC(2024, 2, 1) - Date.UTC(2024, 0, 15)) / 86400000" },
    },
  ],
});

/** Where run_javascript gets its sandbox; the default is created (and loaded) on the first call. */
export type SandboxSource = () => SandboxRunner | Promise<SandboxRunner>;

const defaultSource: SandboxSource = async () => (await import('../sandbox/default-sandbox')).defaultSandbox();

/** A code-running tool over `source`, with `limits` over the sandbox's defaults (run_javascript, run_python). */
export function sandboxedCodeTool(source: SandboxSource, limits?: Readonly<Partial<SandboxLimits>>): ToolImplementation {
  return async (args, context) => {
    const [{ runSandboxedCode }, runner] = await Promise.all([import('../sandbox/run-code'), source()]);
    return runSandboxedCode(runner, String(args.code), {
      signal: context.signal,
      ...(limits ? { limits } : {}),
      ...(context.progress ? { progress: context.progress } : {}),
    });
  };
}

/** The run_javascript tool over `source` (the sandbox code loads on first use, not with the app). */
export function createRunJavaScript(source: SandboxSource = defaultSource): ToolImplementation {
  return sandboxedCodeTool(source);
}

export const implementation: ToolImplementation = createRunJavaScript();
