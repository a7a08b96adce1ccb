/**
 * English and Chinese wording for synthetic dialogues. The templates are tool-agnostic (they
 * name the tool and spell out its arguments) because manifests carry no per-language phrasing;
 * a manifest example's own request is used instead whenever its language matches.
 */
import type { Language } from '../types';
import type { Rng } from '../hash';

/** `{tool}` and `{args}` are filled in; `args` is the argument list in the same language. */
const REQUESTS: Readonly<Record<Language, readonly string[]>> = {
  en: [
    'Can you use {tool} with {args}?',
    'Please call {tool}: {args}.',
    "I'd like to run {tool} with {args}.",
    'Use the {tool} tool for this — {args}.',
    'Could you check this with {tool}? {args}.',
  ],
  zh: [
    '请用 {tool} 工具处理一下，{args}。',
    '帮我调用 {tool}，{args}。',
    '能用 {tool} 帮我查一下吗？{args}。',
    '麻烦使用 {tool}：{args}。',
    '我想用 {tool}，{args}。',
  ],
};

/** Requests for a call with no arguments. */
const BARE_REQUESTS: Readonly<Record<Language, readonly string[]>> = {
  en: ['Can you use {tool}?', 'Please run {tool} for me.', 'Call {tool}, please.'],
  zh: ['请调用 {tool}。', '帮我用一下 {tool}。', '能运行一下 {tool} 吗？'],
};

/** Default system prompts (the tools travel separately, in the export's `tools` field). */
export const SYSTEM_PROMPTS: Readonly<Record<Language, string>> = {
  en: 'You are a helpful assistant. Call a tool whenever it helps to answer.',
  zh: '你是一个乐于助人的助手。需要时请调用工具来回答。',
};

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

function formatValue(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
}

/** The arguments as words: `expression "1 + 2" and value 3` / `expression 为 "1 + 2"，value 为 3`. */
export function describeArguments(args: Record<string, unknown>, language: Language): string {
  const parts = Object.entries(args).map(([key, value]) =>
    language === 'zh' ? `${key} 为 ${formatValue(value)}` : `${key} ${formatValue(value)}`,
  );
  if (language === 'zh') return parts.join('，');
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}

/** True when the text is mostly Chinese (used to match example requests to a language). */
export function looksChinese(text: string): boolean {
  return /[\u3400-\u9fff]/.test(text);
}

/** The language a free text is written in (CJK characters mean Chinese). */
export function languageOf(text: string): Language {
  return looksChinese(text) ? 'zh' : 'en';
}

/** A user request for one call. */
export function requestText(tool: string, args: Record<string, unknown>, language: Language, rng: Rng): string {
  const empty = Object.keys(args).length === 0;
  const template = rng.pick(empty ? BARE_REQUESTS[language] : REQUESTS[language]);
  return fill(template, { tool, args: describeArguments(args, language) });
}

/** One user message asking for several things in order (the chain of a multi-step dialogue). */
export function chainRequest(parts: readonly string[], language: Language, rng: Rng): string {
  if (language === 'zh') {
    const numbered = parts.map((part, index) => `${index + 1}）${part}`).join(' ');
    return rng.next() < 0.5 ? `我有${parts.length}件事，请按顺序做：${numbered}` : `请依次完成：${numbered}`;
  }
  const numbered = parts.map((part, index) => `${index + 1}) ${part}`).join(' ');
  return rng.next() < 0.5 ? `I have ${parts.length} requests, in order: ${numbered}` : `Please do these one after another: ${numbered}`;
}

/**
 * What a tool message holds in synthetic data: a placeholder, not a made-up result (we cannot run
 * the tools here, and a fabricated result would teach the model to trust invented data).
 */
export function resultPlaceholder(tool: string, index: number): string {
  return `[[result of ${tool} #${index}]]`;
}

/** The final answer after the calls, quoting each placeholder. */
export function answerText(results: ReadonlyArray<{ tool: string; placeholder: string }>, language: Language): string {
  if (language === 'zh') {
    const lines = results.map((result) => `${result.tool} 的结果：${result.placeholder}`);
    return results.length === 1 ? `${lines[0] ?? ''}` : `结果如下：\n${lines.join('\n')}`;
  }
  const lines = results.map((result) => `${result.tool} returned ${result.placeholder}`);
  return results.length === 1 ? `Here is the result: ${lines[0] ?? ''}.` : `Here are the results:\n${lines.join('\n')}`;
}
