import { describe, expect, it } from 'vitest';
import { detectFormat, parseToolCalls, type FormatName, type ParsedToolCall, type ToolCallFormat } from '../../../src/core/formats';

/** Model output of one family, as its chat template / reference parsers show it. */
export interface FamilyCases {
  format: ToolCallFormat;
  /** The format auto-detection should pick (the family's own, unless it shares another's syntax). */
  detected?: FormatName;
  single: { text: string; calls: ParsedToolCall[] };
  several: { text: string; calls: ParsedToolCall[] };
  /** Text around the calls: the calls, and the content that is left. */
  withText: { text: string; calls: ParsedToolCall[]; content: string };
  /** A complete call whose strict prefixes must yield nothing unless final. */
  streamed: { text: string; calls: ParsedToolCall[] };
}

/** The checks every family gets: single, several, content kept, streamed prefixes, auto-detection. */
export function describeFamily(label: string, cases: FamilyCases): void {
  const { format } = cases;
  const detected = cases.detected ?? format.name;
  describe(`${label}`, () => {
    it('parses a single call', () => {
      const result = format.parse(cases.single.text);
      expect(result.calls).toEqual(cases.single.calls);
      expect(result.content).toBe('');
    });

    it('parses several calls in order', () => {
      expect(format.parse(cases.several.text).calls).toEqual(cases.several.calls);
    });

    it('keeps the surrounding text as content, without call markup', () => {
      const result = format.parse(cases.withText.text);
      expect(result.calls).toEqual(cases.withText.calls);
      expect(result.content).toBe(cases.withText.content);
    });

    it('yields no call from a strict prefix unless final', () => {
      const { text, calls } = cases.streamed;
      for (let k = 0; k < text.length; k++) {
        const prefix = text.slice(0, k);
        expect(format.parse(prefix).calls, prefix).toEqual([]);
        expect(parseToolCalls(prefix, { format: 'auto' }).calls, prefix).toEqual([]);
      }
      expect(format.parse(text).calls).toEqual(calls);
    });

    it(`auto-detects ${detected} and parses the same calls`, () => {
      for (const sample of [cases.single, cases.several, cases.withText]) {
        expect(detectFormat(sample.text), sample.text).toBe(detected);
        expect(parseToolCalls(sample.text, { format: 'auto' }).calls).toEqual(sample.calls);
      }
    });

    it('never throws on any prefix, final or not', () => {
      const text = cases.withText.text;
      for (let k = 0; k <= text.length; k++) {
        for (const final of [false, true]) {
          const result = parseToolCalls(text.slice(0, k), { format: 'auto', final });
          expect(typeof result.content).toBe('string');
        }
      }
    });
  });
}
