import { describe, expect, it } from 'vitest';
import { createCurrentTime, describeTime, manifest } from '../../../src/tools/builtins/current-time';
import { createToolExecutor } from '../../../src/tools/executor';
import { ToolRegistry } from '../../../src/tools/registry';

const instant = new Date('2024-03-10T12:34:56.789Z');

function runner(defaultTimeZone = 'UTC') {
  const registry = new ToolRegistry();
  registry.register(manifest, createCurrentTime({ now: () => instant, defaultTimeZone: () => defaultTimeZone }));
  return createToolExecutor(registry);
}

async function run(args: Record<string, unknown>, defaultTimeZone?: string) {
  const result = await runner(defaultTimeZone).execute({ id: 't1', name: 'current_time', arguments: args });
  return { result, value: result.isError ? undefined : (JSON.parse(result.content) as Record<string, unknown>) };
}

describe('current_time', () => {
  it('tells the time in Asia/Shanghai', async () => {
    const { value } = await run({ timezone: 'Asia/Shanghai' });
    expect(value).toEqual({
      iso: '2024-03-10T12:34:56.789Z',
      localIso: '2024-03-10T20:34:56+08:00',
      local: 'Sunday, March 10, 2024, 20:34:56',
      weekday: 'Sunday',
      timeZone: 'Asia/Shanghai',
      utcOffset: '+08:00',
    });
  });

  it('tells the time in America/New_York, daylight saving included', async () => {
    // DST began at 07:00 UTC on 2024-03-10 in New York.
    expect((await run({ timezone: 'America/New_York' })).value).toMatchObject({
      localIso: '2024-03-10T08:34:56-04:00',
      utcOffset: '-04:00',
      weekday: 'Sunday',
    });
    expect(describeTime(new Date('2024-01-15T12:00:00Z'), 'America/New_York')).toMatchObject({
      localIso: '2024-01-15T07:00:00-05:00',
      utcOffset: '-05:00',
    });
  });

  it('handles half-hour offsets and the date line', () => {
    expect(describeTime(instant, 'Asia/Kolkata').utcOffset).toBe('+05:30');
    expect(describeTime(new Date('2024-01-01T12:00:00Z'), 'America/St_Johns').utcOffset).toBe('-03:30');
    expect(describeTime(instant, 'Pacific/Kiritimati')).toMatchObject({ localIso: '2024-03-11T02:34:56+14:00', weekday: 'Monday' });
  });

  it("uses the user's zone when none is given", async () => {
    expect((await run({}, 'Europe/Paris')).value).toMatchObject({ timeZone: 'Europe/Paris', utcOffset: '+01:00' });
    expect((await run({ timezone: '  ' }, 'UTC')).value).toMatchObject({ timeZone: 'UTC', utcOffset: '+00:00' });
  });

  it('refuses an unknown zone with a clear error', async () => {
    const { result } = await run({ timezone: 'Mars/Olympus_Mons' });
    expect(result.isError).toBe(true);
    expect(result.error?.code).toBe('tool-failed');
    expect(result.error?.message).toBe(
      'Unknown time zone "Mars/Olympus_Mons". Use an IANA name such as "Europe/Paris", "America/New_York" or "UTC".',
    );
  });

  it('refuses a non-string zone through the schema', async () => {
    expect((await run({ timezone: 8 })).result.error?.code).toBe('invalid-arguments');
  });

  it('runs with the real clock and zone by default', async () => {
    const value = (await createCurrentTime()({}, { signal: new AbortController().signal, fetch })) as { iso: string; timeZone: string };
    expect(Math.abs(Date.parse(value.iso) - Date.now())).toBeLessThan(5000);
    expect(value.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
