import { describe, expect, it } from 'vitest';
import { Bm25Index, EARLIER_WEIGHT, loadBm25Index, stem, tokenize } from '../../../src/retrieval';

const tools: Record<string, string> = {
  get_weather: 'getWeather: current weather and forecasts for a city',
  send_email: 'sendEmail: send an email message to a recipient',
  search_web: 'web_search: search the web for pages matching a query',
  calculator: 'calculator: evaluate arithmetic expressions',
  weather_cn: '天气预报：查询城市的天气情况和温度',
  translate_cn: '翻译工具：把文本翻译成其他语言',
};

function build(): Bm25Index {
  const index = new Bm25Index();
  for (const [id, text] of Object.entries(tools)) index.add(id, text);
  return index;
}

describe('tokenize', () => {
  it('splits camelCase, snake_case and acronyms, lowercases and stems plurals', () => {
    expect(tokenize('getWeatherForecasts')).toEqual(['get', 'weather', 'forecast']);
    expect(tokenize('send_email HTMLParser kebab-case')).toEqual(['send', 'email', 'html', 'parser', 'kebab', 'case']);
    expect(tokenize('What is the weather?')).toEqual(['weather']);
    expect(stem('queries')).toBe('query');
    expect(stem('status')).toBe('status');
    expect(stem('matches')).toBe('match');
  });

  it('turns Chinese runs into unigrams and bigrams, mixed with Latin words', () => {
    expect(tokenize('查询天气')).toEqual(['查', '询', '天', '气', '查询', '询天', '天气']);
    expect(tokenize('用API查天气')).toEqual(['用', 'api', '查', '天', '气', '查天', '天气']);
  });
});

describe('Bm25Index', () => {
  it('ranks English tool names and descriptions', () => {
    const index = build();
    expect(index.search('weather forecast for Paris', 3)[0]!.id).toBe('get_weather');
    expect(index.search('email', 3).map((h) => h.id)).toEqual(['send_email']);
    expect(index.search('searchWeb', 1)[0]!.id).toBe('search_web');
    expect(index.search('zzz unknown', 5)).toEqual([]);
  });

  it('finds a weather tool described in Chinese for "查询天气"', () => {
    const hits = build().search('查询天气', 3);
    expect(hits[0]!.id).toBe('weather_cn');
    expect(hits.map((h) => h.id)).not.toContain('get_weather');
  });

  it('supports incremental add, replace and remove', () => {
    const index = build();
    index.remove('get_weather');
    expect(index.search('weather', 5).map((h) => h.id)).toEqual([]);
    index.add('get_weather', 'weather now');
    expect(index.search('weather', 5).map((h) => h.id)).toEqual(['get_weather']);
    index.add('get_weather', 'stock prices');
    expect(index.search('weather', 5)).toEqual([]);
    expect(index.size).toBe(6);
    expect(index.remove('nope')).toBe(false);
  });

  it('scores a word found only in the earlier part of a query at the earlier weight', () => {
    const index = build();
    const alone = index.search('email', 5)[0]!;
    const earlier = index.search({ latest: 'translate', earlier: 'email' }, 5)[0]!;
    expect(earlier.id).toBe(alone.id);
    expect(earlier.score).toBeCloseTo(alone.score * EARLIER_WEIGHT, 10);
    // A word in both parts counts once, at full weight.
    expect(index.search({ latest: 'email', earlier: 'email' }, 5)[0]!.score).toBeCloseTo(alone.score, 10);
    // A plain string is the newest part alone.
    expect(index.search({ latest: 'email' }, 5)).toEqual(index.search('email', 5));
  });

  it('lets the newest part of a query decide when both parts match', () => {
    const index = build();
    // Three matching words in the earlier message, one in the newest: the newest still leads.
    const hits = index.search({ latest: 'weather', earlier: 'send an email message' }, 5);
    expect(hits[0]?.id).toBe('get_weather');
    expect(index.search('weather send an email message', 5)[0]?.id).toBe('send_email');
  });

  it('applies filters while scoring', () => {
    const index = build();
    expect(index.search('search weather', 5, new Set(['search_web'])).map((h) => h.id)).toEqual(['search_web']);
    expect(index.search('weather', 5, (id) => id !== 'get_weather')).toEqual([]);
  });

  it('round-trips through a structured-clone snapshot without re-tokenizing', () => {
    const index = build();
    index.remove('calculator');
    const snapshot = structuredClone(index.serialise());
    expect(snapshot.docs).toBeInstanceOf(Uint32Array);
    expect(snapshot.ids).not.toContain('calculator');
    const loaded = loadBm25Index(snapshot);
    for (const query of ['weather', '查询天气', 'send message', '翻译']) expect(loaded.search(query, 5)).toEqual(index.search(query, 5));
    loaded.add('calculator', 'evaluate arithmetic');
    expect(loaded.search('arithmetic', 1)[0]!.id).toBe('calculator');
  });

  it('scores by the BM25 formula', () => {
    const index = new Bm25Index({ k1: 1.2, b: 0.75 });
    index.add('a', 'apple apple banana');
    index.add('b', 'banana cherry');
    const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
    const expected = (idf * 2 * 2.2) / (2 + 1.2 * (1 - 0.75 + (0.75 * 3) / 2.5));
    expect(index.search('apple', 1)[0]!.score).toBeCloseTo(expected, 10);
  });
});
