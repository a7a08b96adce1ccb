import { describe, expect, it } from 'vitest';
import { browserLocale, defineMessages, setLocale } from '../../../src/ui/i18n';
import { pageFromHash } from '../../../src/ui/pages/route';

describe('browserLocale', () => {
  it('maps any Chinese variant to zh and falls back to English', () => {
    expect(browserLocale(['zh-TW', 'en'])).toBe('zh');
    expect(browserLocale(['fr-FR', 'zh-CN'])).toBe('zh');
    expect(browserLocale(['en-GB', 'zh'])).toBe('en');
    expect(browserLocale(['de'])).toBe('en');
    expect(browserLocale([])).toBe('en');
  });
});

describe('defineMessages', () => {
  const t = defineMessages({
    en: { hello: 'Hello', count: ({ n }) => `${n} tools` },
    zh: { hello: '你好', count: ({ n }) => `${n} 个工具` },
  });

  it('follows the current locale and fills parameters', () => {
    setLocale('en');
    expect(t('hello')).toBe('Hello');
    expect(t('count', { n: 3 })).toBe('3 tools');
    setLocale('zh');
    expect(t('hello')).toBe('你好');
    expect(t('count', { n: 3 })).toBe('3 个工具');
    setLocale('en');
  });
});

describe('pageFromHash', () => {
  const known = new Set(['chat', 'memory', 'eval']);
  it('reads the page id from #/<id> and ignores what follows', () => {
    expect(pageFromHash('#/memory', known)).toBe('memory');
    expect(pageFromHash('#/eval/run-3', known)).toBe('eval');
    expect(pageFromHash('#memory', known)).toBe('memory');
  });
  it('falls back to the chat for unknown or empty hashes', () => {
    expect(pageFromHash('', known)).toBe('chat');
    expect(pageFromHash('#/nope', known)).toBe('chat');
    expect(pageFromHash('#/__proto__', known)).toBe('chat');
  });
});
