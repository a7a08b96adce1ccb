import { describe, expect, it } from 'vitest';
import type { ChatEngine } from '../../../src/core/types';
import { CallEngines, routeSampling } from '../../../src/tools/mcp/sampling-route';
import type { McpSamplingRequest } from '../../../src/tools/mcp/sampling-types';
import { createScriptedEngine } from '../../support/scripted-engine';

const named = (id: string): ChatEngine => Object.assign(createScriptedEngine([]), { id });
const request: McpSamplingRequest = { server: { name: 's', origin: 'http://127.0.0.1:1' }, messages: [{ role: 'user', text: 'hi' }], maxTokens: 5, toolsRefused: false };

/** Which run's engine a server's sampling request goes to while its calls overlap. */
describe('CallEngines', () => {
  it('names the newest call in flight, and the one before it once the newest ends', async () => {
    const calls = new CallEngines();
    const [a, b] = [named('a'), named('b')];
    expect(calls.current()).toBeUndefined();
    let endB = (): void => undefined;
    let endA = (): void => undefined;
    const runningA = calls.during(a, () => new Promise<void>((resolve) => (endA = resolve)));
    expect(calls.current()?.id).toBe('a');
    const runningB = calls.during(b, () => new Promise<void>((resolve) => (endB = resolve)));
    expect(calls.current()?.id).toBe('b');
    endA();
    await runningA;
    expect(calls.current()?.id).toBe('b');
    endB();
    await runningB;
    expect(calls.current()).toBeUndefined();
  });

  it('a failing call still leaves; a call outside a run (no engine) changes nothing', async () => {
    const calls = new CallEngines();
    await expect(calls.during(named('a'), () => Promise.reject(new Error('server gone')))).rejects.toThrow('server gone');
    expect(calls.current()).toBeUndefined();
    expect(await calls.during(undefined, () => Promise.resolve(7))).toBe(7);
    expect(calls.current()).toBeUndefined();
  });

  it('routeSampling hands the handler the engine of the call in flight, or none', async () => {
    const calls = new CallEngines();
    const seen: Array<string | undefined> = [];
    const routed = routeSampling(
      { approve: async () => true, complete: async (_request, _signal, engine) => (seen.push(engine?.id), { model: 'm', text: '', stopReason: 'endTurn' }) },
      calls,
    );
    const signal = new AbortController().signal;
    await routed.complete(request, signal);
    await calls.during(named('b'), () => routed.complete(request, signal));
    expect(seen).toEqual([undefined, 'b']);
  });
});
