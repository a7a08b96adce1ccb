import { describe, expect, it } from 'vitest';
import { TabagentError } from '../../../src/core/errors';
import { exportFileName, parseManifestFile } from '../../../src/tools/custom/manifest-file';
import { manifestToJson, validateManifest, type ToolManifest } from '../../../src/tools/manifest';
import { slugTool, weatherTool } from './manifests';

function problemsOf(value: unknown): string[] {
  try {
    validateManifest(value);
  } catch (error) {
    if (TabagentError.is(error)) return error.data.problems as string[];
    throw error;
  }
  return [];
}

describe('custom manifests: export → import round trip', () => {
  it.each([
    ['an HTTP template tool', weatherTool()],
    ['a JavaScript tool', slugTool()],
  ])('gives back exactly %s', (_name, manifest: ToolManifest) => {
    const file = manifestToJson(manifest);
    const parsed = parseManifestFile(file);
    expect(parsed).toEqual({ ok: true, manifest });
    // The file is stable: exporting the imported manifest gives the same bytes.
    expect(parsed.ok && manifestToJson(parsed.manifest)).toBe(file);
    expect(exportFileName(manifest)).toBe(`${manifest.name}.json`);
  });

  it('writes the implementation last, after the public fields, and never a secret value', () => {
    const file = manifestToJson(weatherTool());
    expect(Object.keys(JSON.parse(file) as object)).toEqual([
      'name',
      'description',
      'kind',
      'sideEffects',
      'allowedOrigins',
      'secrets',
      'parameters',
      'examples',
      'implementation',
    ]);
    expect(file).toContain('{{secret:WEATHER_KEY}}');
  });

  it('refuses files that are not JSON, not valid manifests, or not custom tools, saying why', () => {
    expect(parseManifestFile('{ nope')).toMatchObject({ ok: false, problems: [expect.stringMatching(/^The file is not JSON: /)] });
    expect(parseManifestFile(JSON.stringify({ ...weatherTool(), kind: 'builtin' }))).toEqual({
      ok: false,
      problems: ['kind: must be "http" for a HTTP request implementation'],
    });
    const { implementation: _dropped, ...withoutImplementation } = slugTool();
    expect(parseManifestFile(JSON.stringify(withoutImplementation))).toEqual({
      ok: false,
      problems: ['implementation: is required; only custom tools (an HTTP request template or JavaScript) can be imported here'],
    });
  });
});

describe('implementation checks', () => {
  it('accepts the example tools', () => {
    expect(problemsOf(weatherTool())).toEqual([]);
    expect(problemsOf(slugTool())).toEqual([]);
  });

  it('names every problem with its field', () => {
    const manifest = weatherTool({
      allowedOrigins: ['https://other.example'],
      secrets: [],
      implementation: {
        type: 'http',
        method: 'GET',
        url: 'https://api.weather.example/v1/{town}?key={{secret:WEATHER_KEY}}',
        headers: { 'Bad Header': 'x', Authorization: 'Bearer {{secret:WEATHER_KEY}}', 'X-Day': '{day}' },
        body: '{"city": "{city}"',
      },
    });
    expect(problemsOf(manifest)).toEqual([
      'allowedOrigins: must include https://api.weather.example, the origin of implementation.url',
      'implementation.url: secrets cannot go into the URL (URLs end up in logs); put them in a header',
      'implementation.url: {town} is not a parameter; add "town" to parameters.properties or remove it',
      'implementation.headers.Bad Header: "Bad Header" is not a valid header name',
      'implementation.headers.Authorization: the secret "WEATHER_KEY" is not declared in secrets',
      'implementation.headers.X-Day: {day} is not a parameter; add "day" to parameters.properties or remove it',
      'implementation.body: a GET request cannot have a body',
      expect.stringMatching(/^implementation\.body: is not valid JSON \(/),
    ]);
  });

  it('refuses a placeholder in the host', () => {
    const manifest = weatherTool({ implementation: { type: 'http', method: 'GET', url: 'https://{city}.weather.example/now' } });
    expect(problemsOf(manifest)).toContain(
      'implementation.url: the scheme, host and port cannot contain placeholders; put {arguments} in the path or query',
    );
  });

  it('checks the implementation shape with the manifest schema', () => {
    expect(problemsOf(slugTool({ implementation: { type: 'javascript', code: '' } }))).toEqual(['implementation.code: must NOT have fewer than 1 characters']);
    expect(problemsOf({ ...weatherTool(), implementation: { type: 'http', method: 'TRACE', url: 'https://api.weather.example/' } })).toEqual([
      'implementation.method: must be one of "GET", "POST", "PUT", "PATCH", "DELETE"',
    ]);
    expect(problemsOf({ ...slugTool(), implementation: { type: 'shell', code: 'rm -rf /' } })).toEqual(['implementation.type: must be one of "http", "javascript"']);
  });
});
