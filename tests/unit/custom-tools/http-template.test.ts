import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TabagentError } from '../../../src/core/errors';
import { buildBody, buildHeaders, buildHttpRequest, buildUrl } from '../../../src/tools/custom/http-request';

function errorOf(action: () => unknown): TabagentError {
  try {
    action();
  } catch (error) {
    if (TabagentError.is(error)) return error;
    throw error;
  }
  throw new Error('expected a TabagentError');
}

describe('URL templates', () => {
  it('percent-encodes path and query arguments', () => {
    const url = buildUrl('https://api.example.com/v1/cities/{city}/weather?units={units}&q={query}', {
      city: 'São Paulo/Centro',
      units: 'metric',
      query: 'rain & snow?#=yes',
    });
    expect(url).toBe('https://api.example.com/v1/cities/S%C3%A3o%20Paulo%2FCentro/weather?units=metric&q=rain%20%26%20snow%3F%23%3Dyes');
  });

  it('keeps every argument inside its own path segment or query value, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (segment, value) => {
        fc.pre(segment !== '.' && segment !== '..');
        const url = new URL(buildUrl('https://api.example.com/items/{segment}/detail?value={value}&fixed=1', { segment, value }));
        expect(url.origin).toBe('https://api.example.com');
        expect(url.pathname.split('/')).toHaveLength(4);
        expect(decodeURIComponent(url.pathname.split('/')[2] ?? '')).toBe(segment);
        expect(url.searchParams.get('value')).toBe(value);
        expect(url.searchParams.get('fixed')).toBe('1');
        expect([...url.searchParams.keys()]).toEqual(['value', 'fixed']);
        expect(url.hash).toBe('');
      }),
    );
  });

  it('refuses "." and ".." where they would climb the path', () => {
    for (const value of ['..', '.']) {
      const error = errorOf(() => buildUrl('https://api.example.com/users/{id}/profile', { id: value }));
      expect(error.code).toBe('invalid-arguments');
      expect(error.message).toBe('An argument may not be "." or "..": it would change which path of the API is called.');
    }
    // Dots inside a segment are ordinary characters, and an encoded-looking value is encoded again.
    expect(buildUrl('https://api.example.com/files/{name}', { name: '..config' })).toBe('https://api.example.com/files/..config');
    const encoded = buildUrl('https://api.example.com/users/{id}/profile', { id: '%2e%2e' });
    expect(new URL(encoded).pathname).toBe('/users/%252e%252e/profile');
  });

  it('cannot change the origin: the host takes no placeholders, and path values stay in the path', () => {
    const error = errorOf(() => buildUrl('https://api.example.com{path}', { path: '@evil.example/x' }));
    expect(error).toMatchObject({
      code: 'config',
      message: "The tool's URL the scheme, host and port cannot contain placeholders; put {arguments} in the path or query.",
    });
    const url = buildUrl('https://api.example.com/{path}', { path: '@evil.example/x' });
    expect(url).toBe('https://api.example.com/%40evil.example%2Fx');
    expect(new URL(url).origin).toBe('https://api.example.com');
    expect(new URL(buildUrl('https://api.example.com/{path}', { path: '//evil.example' })).origin).toBe('https://api.example.com');
  });

  it('drops a query pair whose optional argument is absent and repeats one for a list', () => {
    expect(buildUrl('https://api.example.com/search?q={q}&page={page}&tag={tags}', { q: 'tea', tags: ['green', 'black tea'] })).toBe(
      'https://api.example.com/search?q=tea&tag=green&tag=black%20tea',
    );
  });

  it('writes numbers and booleans as JSON text, and never sends the fragment', () => {
    expect(buildUrl('https://api.example.com/n/{n}?flag={flag}#section', { n: 12.5, flag: false })).toBe('https://api.example.com/n/12.5?flag=false');
  });

  it('asks for a path argument that is missing', () => {
    const error = errorOf(() => buildUrl('https://api.example.com/users/{id}', {}));
    expect(error).toMatchObject({ code: 'invalid-arguments', message: 'Argument "id" is needed for the URL path but was not given.' });
  });

  it('ignores inherited properties: only the call\'s own arguments fill placeholders', () => {
    const error = errorOf(() => buildUrl('https://api.example.com/{constructor}', {}));
    expect(error.code).toBe('invalid-arguments');
  });
});

describe('header templates', () => {
  it('fills arguments into header values', () => {
    expect(buildHeaders({ 'X-Lang': '{lang}', Accept: 'application/json' }, { lang: 'zh-CN' })).toEqual({ 'X-Lang': 'zh-CN', Accept: 'application/json' });
  });

  it.each(['evil\r\nX-Admin: true', 'evil\nSet-Cookie: a=b', 'evil\rX', 'a\u0000b'])('refuses a value that would inject a header: %j', (value) => {
    const error = errorOf(() => buildHeaders({ 'X-Lang': 'lang={lang}' }, { lang: value }));
    expect(error).toMatchObject({ code: 'invalid-arguments', message: 'Argument "lang" contains a line break, which cannot go into the header X-Lang.' });
  });

  it('leaves out a header that is just an absent optional argument', () => {
    expect(buildHeaders({ 'X-Trace': '{trace}', Accept: 'text/plain' }, {})).toEqual({ Accept: 'text/plain' });
  });

  it('keeps secret placeholders for the door (or the resolver) to fill in', () => {
    expect(buildHeaders({ Authorization: 'Bearer {{secret:WEATHER_KEY}}' }, {})).toEqual({ Authorization: 'Bearer {{secret:WEATHER_KEY}}' });
  });
});

describe('body templates', () => {
  it('places arguments into the parsed JSON, keeping their types', () => {
    const body = buildBody('{"query": "{q}", "limit": "{limit}", "filters": {"tags": "{tags}", "note": "about {q}"}, "list": ["{q}", "{absent}"]}', {
      q: 'say "hi"\n}, "admin": true, {"',
      limit: 5,
      tags: ['a', 'b'],
    });
    expect(JSON.parse(body)).toEqual({
      query: 'say "hi"\n}, "admin": true, {"',
      limit: 5,
      filters: { tags: ['a', 'b'], note: 'about say "hi"\n}, "admin": true, {"' },
      list: ['say "hi"\n}, "admin": true, {"', null],
    });
  });

  it('leaves out a property whose optional argument is absent', () => {
    expect(JSON.parse(buildBody('{"a": "{a}", "b": "{b}"}', { a: 1 }))).toEqual({ a: 1 });
  });

  it('builds a whole request with a JSON content type', () => {
    const request = buildHttpRequest(
      { type: 'http', method: 'POST', url: 'https://api.example.com/notes', headers: { Authorization: 'Bearer {{secret:NOTES_KEY}}' }, body: '{"text": "{text}"}' },
      { text: 'hello' },
    );
    expect(request).toEqual({
      method: 'POST',
      url: 'https://api.example.com/notes',
      headers: { Authorization: 'Bearer {{secret:NOTES_KEY}}', 'Content-Type': 'application/json' },
      body: '{"text":"hello"}',
    });
  });
});
