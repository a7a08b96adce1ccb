import type { ToolManifest } from '../manifest';
import { builtinManifest } from './builtin-manifest';
import type { ToolImplementation } from '../registry';

export const manifest: ToolManifest = builtinManifest({
  name: 'current_time',
  description:
    "Tells the current date and time, in the user's time zone or in a given IANA time zone " +
    '(e.g. "Asia/Shanghai", "America/New_York", "UTC"), with the weekday and UTC offset.',
  // Computed here from the arguments alone: its results bring no outside text into the prompt.
  trustedOutput: true,
  parameters: {
    type: 'object',
    properties: {
      timezone: {
        type: 'string',
        minLength: 1,
        maxLength: 64,
        description: "IANA time zone name such as \"Europe/Paris\"; leave out for the user's own zone.",
      },
    },
    additionalProperties: false,
  },
  examples: [
    { query: 'What time is it?', arguments: {} },
    { query: "What's the date in Tokyo right now?", arguments: { timezone: 'Asia/Tokyo' } },
  ],
});

export interface CurrentTimeOptions {
  /** The clock (default `() => new Date()`), injected for tests. */
  now?: () => Date;
  /** The zone used when none is asked for (default: the runtime's, i.e. the user's). */
  defaultTimeZone?: () => string;
}

/** What the tool answers. */
export interface CurrentTime {
  /** The instant in UTC, ISO 8601. */
  iso: string;
  /** Wall-clock date and time in the zone, ISO 8601 with offset: `2024-03-10T20:00:00+08:00`. */
  localIso: string;
  /** Readable local date and time: `Sunday, March 10, 2024, 20:00:00`. */
  local: string;
  weekday: string;
  timeZone: string;
  /** `+08:00`, `-05:00`, `+00:00`. */
  utcOffset: string;
}

function userTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw new Error(`Unknown time zone "${timeZone.slice(0, 64)}". Use an IANA name such as "Europe/Paris", "America/New_York" or "UTC".`);
  }
}

function pad(value: number, width = 2): string {
  return String(Math.abs(value)).padStart(width, '0');
}

/** The current time in `timeZone` (an IANA name), computed with Intl only. */
export function describeTime(instant: Date, timeZone: string): CurrentTime {
  const format = formatter(timeZone);
  const parts = new Map(format.formatToParts(instant).map((part) => [part.type, part.value]));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.get(type));
  const [year, month, day, hour, minute, second] = [field('year'), field('month'), field('day'), field('hour'), field('minute'), field('second')];
  // The offset is how far the zone's wall clock is from UTC at this instant.
  const wallClockAsUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  const offsetMinutes = Math.round((wallClockAsUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const utcOffset = `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.trunc(offsetMinutes / 60))}:${pad(offsetMinutes % 60)}`;
  const date = `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
  const time = `${pad(hour)}:${pad(minute)}:${pad(second)}`;
  const weekday = parts.get('weekday') ?? '';
  const monthName = new Intl.DateTimeFormat('en-US', { timeZone, month: 'long' }).format(instant);
  return {
    iso: instant.toISOString(),
    localIso: `${date}T${time}${utcOffset}`,
    local: `${weekday}, ${monthName} ${day}, ${year}, ${time}`,
    weekday,
    timeZone: format.resolvedOptions().timeZone,
    utcOffset,
  };
}

/** The tool with an injectable clock and default zone. */
export function createCurrentTime(options: CurrentTimeOptions = {}): ToolImplementation {
  const now = options.now ?? (() => new Date());
  const defaultTimeZone = options.defaultTimeZone ?? userTimeZone;
  return async (args) => {
    const asked = typeof args.timezone === 'string' ? args.timezone.trim() : '';
    return describeTime(now(), asked === '' ? defaultTimeZone() : asked);
  };
}

export const implementation: ToolImplementation = createCurrentTime();
