import type { ToolManifest } from '../../../src/tools/manifest';

/** A custom HTTP tool as the editor would save it. */
export function weatherTool(change: Partial<ToolManifest> = {}): ToolManifest {
  return {
    name: 'city_weather',
    description: 'Current weather for a city.',
    kind: 'http',
    sideEffects: false,
    allowedOrigins: ['https://api.weather.example'],
    secrets: [{ name: 'WEATHER_KEY', description: 'API key for api.weather.example' }],
    parameters: {
      type: 'object',
      properties: { city: { type: 'string', minLength: 1 }, units: { type: 'string', enum: ['metric', 'imperial'] } },
      required: ['city'],
      additionalProperties: false,
    },
    examples: [{ query: 'Weather in Paris?', arguments: { city: 'Paris' } }],
    implementation: {
      type: 'http',
      method: 'GET',
      url: 'https://api.weather.example/v1/now/{city}?units={units}',
      headers: { Authorization: 'Bearer {{secret:WEATHER_KEY}}', Accept: 'application/json' },
    },
    ...change,
  };
}

/** A custom JavaScript tool. */
export function slugTool(change: Partial<ToolManifest> = {}): ToolManifest {
  return {
    name: 'slugify',
    description: 'Turns a title into a URL slug.',
    kind: 'sandbox',
    sideEffects: false,
    allowedOrigins: [],
    parameters: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'], additionalProperties: false },
    implementation: { type: 'javascript', code: 'console.log("slugging", args.title);\nreturn args.title.toLowerCase().trim().replace(/[^a-z0-9]+/g, "-")' },
    ...change,
  };
}
