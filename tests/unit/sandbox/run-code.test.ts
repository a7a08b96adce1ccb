import { afterAll, describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { createToolExecutor } from '../../../src/tools/executor';
import { registerBuiltins } from '../../../src/tools/builtins';
import { ToolRegistry } from '../../../src/tools/registry';
import { createInProcessSandbox } from '../../../src/tools/sandbox/in-process';
import { runSandboxedCode } from '../../../src/tools/sandbox/run-code';

const sandbox = createInProcessSandbox();
afterAll(() => sandbox.dispose());

describe('running ordinary code', () => {
  it('returns the value of the last expression as JSON data', async () => {
    const outcome = await sandbox.run({ code: 'const words = ["pear", "fig", "banana"];\nwords.sort((a, b) => a.length - b.length).map((w) => ({ w, n: w.length }))' });
    expect(outcome).toMatchObject({ ok: true, value: [{ w: 'fig', n: 3 }, { w: 'pear', n: 4 }, { w: 'banana', n: 6 }] });
  });

  it('accepts a top-level return and await (the code becomes an async function body)', async () => {
    const outcome = await sandbox.run({ code: 'const x = await Promise.resolve(20);\nreturn x + args.extra;', args: { extra: 22 } });
    expect(outcome).toMatchObject({ ok: true, value: 42 });
  });

  it('captures console.log/info/debug as stdout and console.error/warn as stderr, in order', async () => {
    const outcome = await sandbox.run({
      code: 'console.log("hello", 1, { a: [1, 2] }, null, undefined); console.info("info"); console.warn("careful"); console.error(new TypeError("bad")); console.debug(5n, [1, "two"])',
    });
    expect(outcome.ok).toBe(true);
    expect(outcome.stdout).toBe('hello 1 {"a":[1,2]} null undefined\ninfo\n5n [1,"two"]\n');
    expect(outcome.stderr).toBe('careful\nTypeError: bad\n');
    expect(outcome.ok && outcome.value).toBeFalsy();
  });

  it('prints output written before a failure', async () => {
    const outcome = await sandbox.run({ code: 'console.log("step 1");\nthrow new RangeError("too far");' });
    expect(outcome).toMatchObject({ ok: false, stdout: 'step 1\n', error: { kind: 'thrown', name: 'RangeError', message: 'too far', line: 2 } });
  });

  it('settles promises and runs queued jobs before answering', async () => {
    const outcome = await sandbox.run({ code: 'Promise.resolve().then(() => console.log("job ran")); (async () => { await null; return "done" })()' });
    expect(outcome).toMatchObject({ ok: true, value: 'done', stdout: 'job ran\n' });
  });

  it('reports a rejected promise as thrown', async () => {
    const outcome = await sandbox.run({ code: 'return Promise.reject(new Error("no luck"))' });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'thrown', name: 'Error', message: 'no luck' } });
  });

  it('reports syntax errors with their line', async () => {
    const outcome = await sandbox.run({ code: 'const a = 1;\nconst b = ;' });
    expect(outcome).toMatchObject({ ok: false, error: { kind: 'syntax', name: 'SyntaxError', message: "unexpected token in expression: ';'", line: 2 } });
  });

  it('reports values JSON cannot carry', async () => {
    const cyclic = await sandbox.run({ code: 'const o = {}; o.self = o; o' });
    expect(cyclic).toMatchObject({ ok: false, error: { kind: 'not-serialisable', message: 'The returned value cannot be turned into JSON: circular reference' } });
    const bigint = await sandbox.run({ code: '({ n: 1n })' });
    expect(bigint).toMatchObject({ ok: false, error: { kind: 'not-serialisable' } });
  });

  it('serialises with the built-in JSON.stringify even when the code replaced it', async () => {
    const outcome = await sandbox.run({ code: 'JSON.stringify = () => "{\\"forged\\":true}"; ({ real: true })' });
    expect(outcome).toMatchObject({ ok: true, value: { real: true } });
  });

  it('describes thrown non-errors', async () => {
    expect(await sandbox.run({ code: 'throw "plain text"' })).toMatchObject({ ok: false, error: { kind: 'thrown', message: 'plain text' } });
    expect(await sandbox.run({ code: 'throw { code: 7 }' })).toMatchObject({ ok: false, error: { kind: 'thrown', message: '{"code":7}' } });
    // A getter that throws while the error is read is not a way to crash the host.
    expect(await sandbox.run({ code: 'throw { get message() { throw new Error("gotcha") } }' })).toMatchObject({ ok: false, error: { kind: 'thrown' } });
  });
});

describe('runSandboxedCode (the tool result)', () => {
  it('shapes a success as result plus non-empty output', async () => {
    expect(await runSandboxedCode(sandbox, 'console.log("hi"); 6 * 7')).toEqual({ result: 42, stdout: 'hi\n' });
    expect(await runSandboxedCode(sandbox, 'undefined')).toEqual({ result: null });
  });

  it('throws a TabagentError naming the failure and quoting the output', async () => {
    const error = await runSandboxedCode(sandbox, 'console.log("before");\nfetch("https://evil.example")').catch((caught: unknown) => caught);
    expect(TabagentError.is(error)).toBe(true);
    expect((error as TabagentError).code).toBe('tool-failed');
    expect((error as TabagentError).message).toBe("The code threw ReferenceError: 'fetch' is not defined (line 2).\nstdout:\nbefore");
  });

  it('maps the time limit to a timeout error', async () => {
    const error = await runSandboxedCode(sandbox, 'for (;;) {}', { limits: { cpuTimeMs: 200 } }).catch((caught: unknown) => caught);
    expect((error as TabagentError).code).toBe('timeout');
    expect((error as TabagentError).message).toMatch(/^The code ran longer than its 0\.2 s time limit and was stopped\./);
  });

  it('maps the memory limit to a message with the limit', async () => {
    const error = await runSandboxedCode(sandbox, 'new ArrayBuffer(1e9)').catch((caught: unknown) => caught);
    expect((error as TabagentError).message).toMatch(/^The code needed more than its 32 MB memory limit and was stopped \(out of memory\)\./);
  });
});

describe('runaway code (RELIABILITY: sandbox denial of service)', () => {
  // Each ends in a limit, never as a throw or a success; QuickJS cannot always build an error for them.
  const RUNAWAYS = [
    ['many small allocations', 'const a = []; for (;;) a.push({})', ['memory-limit', 'time-limit']],
    ['a self-scheduling promise chain', 'const p = () => Promise.resolve().then(p); p(); 1', ['memory-limit', 'time-limit']],
    ['a self-scheduling async loop', 'async function spin() { for (;;) await null } spin(); "started"', ['time-limit', 'memory-limit']],
    ['an infinite loop', 'for (;;) {}', ['time-limit']],
  ] as const;

  it.each(RUNAWAYS)('classifies %s as a limit with a typed error', { timeout: 30_000 }, async (_name, code, kinds) => {
    const outcome = await sandbox.run({ code, limits: { cpuTimeMs: 1000 } });
    expect(outcome.ok).toBe(false);
    expect(kinds).toContain(!outcome.ok && outcome.error.kind);
    const error = await runSandboxedCode(sandbox, code, { limits: { cpuTimeMs: 1000 } }).catch((caught: unknown) => caught);
    expect(TabagentError.is(error)).toBe(true);
    expect(['timeout', 'tool-failed']).toContain((error as TabagentError).code);
    expect((error as TabagentError).message).toMatch(/time limit|memory limit/);
    // The next run starts clean.
    expect(await sandbox.run({ code: '6 * 7' })).toMatchObject({ ok: true, value: 42 });
  });
});

describe('the run_javascript built-in', () => {
  function executor() {
    const registry = new ToolRegistry();
    registerBuiltins(registry, { sandbox: () => sandbox });
    return { registry, tools: createToolExecutor(registry) };
  }

  it('is registered as a sandbox tool without side effects or origins', () => {
    const { registry, tools } = executor();
    expect(registry.get('run_javascript')?.manifest).toMatchObject({ kind: 'sandbox', sideEffects: false, allowedOrigins: [] });
    expect(tools.requiresApproval('run_javascript')).toBe(false);
  });

  it('runs code through the executor without asking for approval', async () => {
    const { tools } = executor();
    const result = await tools.execute({ id: 'c1', name: 'run_javascript', arguments: { code: 'let a = 0, b = 1;\nfor (let i = 0; i < 30; i++) [a, b] = [b, a + b];\na' } });
    expect(result).toMatchObject({ isError: false, content: '{"result":832040}' });
  });

  it('returns an escape attempt to the model as a tool error', async () => {
    const { tools } = executor();
    const result = await tools.execute({ id: 'c2', name: 'run_javascript', arguments: { code: 'indexedDB.open("tabagent")' } });
    expect(result.isError).toBe(true);
    expect(JSON.parse(result.content)).toEqual({ error: "The code threw ReferenceError: 'indexedDB' is not defined (line 1)." });
  });

  it('rejects calls without code before anything runs', async () => {
    const { tools } = executor();
    const result = await tools.execute({ id: 'c3', name: 'run_javascript', arguments: { source: '1' } });
    expect(result).toMatchObject({ isError: true, error: { code: 'invalid-arguments' } });
  });
});
