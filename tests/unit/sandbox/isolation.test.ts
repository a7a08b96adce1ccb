/**
 * Escape probes against the sandbox in Node (QuickJS in-process): each names the exact failure
 * the sandbox must produce, so a probe that "fails differently" (say, by reaching a real API and
 * erroring there) fails the test. The same probes run in Chromium through the worker in
 * tests/browser/sandbox.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createInProcessSandbox } from '../../../src/tools/sandbox/in-process';
import type { SandboxOutcome } from '../../../src/tools/sandbox/types';
import { ESCAPE_PROBES, HOST_ONLY_GLOBALS } from '../../support/sandbox-probes';

const sandbox = createInProcessSandbox();
afterAll(() => sandbox.dispose());

function failureOf(outcome: SandboxOutcome) {
  if (outcome.ok) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

describe('sandbox isolation (Node, in-process QuickJS)', () => {
  it.each(ESCAPE_PROBES.map((probe) => [probe.name, probe] as const))('blocks %s', { timeout: 30_000 }, async (_name, probe) => {
    const outcome = await sandbox.run({ code: probe.code });
    if (probe.expect.ok) {
      expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
      if (outcome.ok) expect(outcome.value).toEqual(probe.expect.value);
      return;
    }
    const failure = failureOf(outcome);
    expect(failure.kind).toBe(probe.expect.kind);
    if (probe.expect.name) expect(failure.name).toBe(probe.expect.name);
    expect(failure.message).toBe(probe.expect.message);
  });

  it('gives the code only ECMAScript built-ins, console and args as globals', async () => {
    const outcome = await sandbox.run({ code: 'Object.getOwnPropertyNames(globalThis)' });
    expect(outcome.ok).toBe(true);
    const names = outcome.ok ? (outcome.value as string[]) : [];
    expect(names).toContain('JSON');
    expect(names).toContain('console');
    expect(names).toContain('args');
    for (const name of HOST_ONLY_GLOBALS) expect(names).not.toContain(name);
  });

  it('keeps the host Object.prototype unchanged and returns plain JSON data, even for __proto__ keys', async () => {
    const outcome = await sandbox.run({
      code: `Object.prototype.polluted = 'yes'; Array.prototype.extra = 1;
        JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}')`,
    });
    expect(outcome.ok).toBe(true);
    const value = outcome.ok ? (outcome.value as Record<string, unknown>) : {};
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).extra).toBeUndefined();
  });

  it('shares nothing between runs: globals set by one run are gone in the next', async () => {
    const first = await sandbox.run({ code: 'globalThis.secret = 42; Object.prototype.leak = 1; secret' });
    expect(first).toMatchObject({ ok: true, value: 42 });
    const second = await sandbox.run({ code: '[typeof secret, typeof ({}).leak]' });
    expect(second).toMatchObject({ ok: true, value: ['undefined', 'undefined'] });
  });
});

describe('sandbox limits (Node)', () => {
  it('stops an infinite loop at the time limit with a time-limit failure', { timeout: 30_000 }, async () => {
    const outcome = await sandbox.run({ code: 'let n = 0; while (true) { n++ }', limits: { cpuTimeMs: 300 } });
    expect(failureOf(outcome)).toMatchObject({ kind: 'time-limit', message: 'interrupted' });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(250);
  });

  it('stops a loop that catches the interruption: the interrupt cannot be caught', { timeout: 30_000 }, async () => {
    const outcome = await sandbox.run({ code: 'for (;;) { try { while (true) {} } catch (error) { console.log("caught") } }', limits: { cpuTimeMs: 300 } });
    expect(failureOf(outcome).kind).toBe('time-limit');
    expect(outcome.stdout).toBe('');
  });

  it.each([
    ['many small typed arrays', 'const keep = []; for (;;) keep.push(new Uint8Array(1 << 20))'],
    ['many strings', 'const keep = []; for (;;) keep.push("y".repeat(1 << 20) + keep.length)'],
    ['many small objects', 'const keep = []; for (let i = 0; ; i++) keep.push({ i, text: "item " + i })'],
    ['one huge array', 'new Array(1e8).fill(0)'],
    ['one huge buffer', 'new ArrayBuffer(1e9)'],
  ])('stops %s at the memory limit', { timeout: 60_000 }, async (_name, code) => {
    const outcome = await sandbox.run({ code, limits: { cpuTimeMs: 20_000 } });
    expect(failureOf(outcome)).toMatchObject({ kind: 'memory-limit', name: 'InternalError', message: 'out of memory' });
  });

  it('lets code use memory up to the limit, and the limit is the whole interpreter memory', { timeout: 30_000 }, async () => {
    const code = 'const keep = []; try { for (;;) keep.push(new Uint8Array(1 << 20)) } catch (error) {} keep.length';
    const small = await sandbox.run({ code, limits: { memoryBytes: 24 * 1024 * 1024 } });
    const large = await sandbox.run({ code, limits: { memoryBytes: 64 * 1024 * 1024 } });
    expect(small.ok && large.ok).toBe(true);
    const [smallCount, largeCount] = [small.ok ? Number(small.value) : 0, large.ok ? Number(large.value) : 0];
    // 1 MB blocks: never more than the limit allows, and 40 MB more memory holds about 40 more.
    expect(smallCount).toBeLessThan(24);
    expect(largeCount).toBeLessThan(64);
    expect(largeCount - smallCount).toBeGreaterThanOrEqual(36);
  });

  it('stops deep recursion at the stack limit, and the next run works', { timeout: 30_000 }, async () => {
    const outcome = await sandbox.run({ code: 'function down(n) { return down(n + 1) + 1 } down(0)' });
    expect(failureOf(outcome)).toMatchObject({ kind: 'stack-limit', name: 'InternalError', message: 'stack overflow' });
    expect(await sandbox.run({ code: '"still working"' })).toMatchObject({ ok: true, value: 'still working' });
  });

  it('allows ordinary recursion depth (a thousand calls)', async () => {
    const outcome = await sandbox.run({ code: 'function depth(n) { return n === 0 ? 0 : depth(n - 1) + 1 } depth(1000)' });
    expect(outcome).toMatchObject({ ok: true, value: 1000 });
  });

  it('reports a promise nothing can settle at once instead of waiting', async () => {
    const outcome = await sandbox.run({ code: 'new Promise(() => {})', limits: { cpuTimeMs: 1000 } });
    expect(failureOf(outcome).kind).toBe('never-settled');
  });

  it('cuts console output at the output limit and says so', async () => {
    const outcome = await sandbox.run({ code: 'for (let i = 0; i < 1000; i++) console.log("line " + i)', limits: { maxOutputChars: 100 } });
    expect(outcome.ok).toBe(true);
    expect(outcome.truncated).toBe(true);
    expect(outcome.stdout.startsWith('line 0\nline 1\n')).toBe(true);
    expect(outcome.stdout).toContain('[output cut at 100 characters]');
    expect(outcome.stdout.length).toBeLessThan(200);
  });

  it('refuses a returned value larger than the result limit', async () => {
    const outcome = await sandbox.run({ code: '"x".repeat(5000)', limits: { maxResultChars: 1000 } });
    expect(failureOf(outcome)).toMatchObject({ kind: 'not-serialisable', message: 'The returned value is 5002 characters of JSON, more than the 1000 allowed.' });
  });

  it('keeps the limits a request may ask for within bounds', async () => {
    // A request cannot lift the stack past its safe ceiling, nor the memory past 512 MB.
    const deep = await sandbox.run({ code: 'function down() { return down() + 1 } down()', limits: { stackBytes: 1e12 } });
    expect(failureOf(deep)).toMatchObject({ kind: 'stack-limit', message: 'stack overflow' });
    const huge = await sandbox.run({ code: 'new ArrayBuffer(600 * 1024 * 1024).byteLength', limits: { memoryBytes: 1e12 } });
    expect(failureOf(huge)).toMatchObject({ kind: 'memory-limit', message: 'out of memory' });
  });
});
