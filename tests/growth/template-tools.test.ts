import { describe, expect, it } from 'vitest';
import { toolSupportOfTemplate } from '../../src/llm/transformers/template-tools';
import { describeGrowth, GROWTH_LIMIT, measureGrowth } from '../support/growth';

describe('toolSupportOfTemplate', () => {
  it.each<[string, (count: number) => string]>([
    ['unclosed expression tags', (count) => '{{ x '.repeat(count)],
    ['unclosed statement tags', (count) => '{% if '.repeat(count)],
    ['many closed tags without tools', (count) => "{{ 'tools' + x }}{% if y %}".repeat(count)],
    ['one tag of unclosed quotes', (count) => `{{ ${"'a \\".repeat(count)} }}`],
  ])('grows linearly on %s: time at 4n is at most 6× the time at n', (label, build) => {
    const growth = measureGrowth(build, (source) => expect(toolSupportOfTemplate(source)).toBeUndefined(), [5_000, 20_000]);
    expect(growth.ratio, describeGrowth(`toolSupportOfTemplate, ${label}`, growth)).toBeLessThanOrEqual(GROWTH_LIMIT);
  });
});
