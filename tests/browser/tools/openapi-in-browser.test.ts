import { describe, expect, it } from 'vitest';
import { importOpenApiTools } from '../../../src/tools/openapi';
import petstoreText from '../../fixtures/openapi/petstore-3.0.json?raw';
import swaggerText from '../../fixtures/openapi/petstore-swagger-2.0.yaml?raw';
import tictactoeText from '../../fixtures/openapi/tictactoe-3.1.yaml?raw';

/** The parser (@apidevtools/swagger-parser, yaml) as the browser bundle runs it, with no Node built-ins. */
describe('OpenAPI import in Chromium', () => {
  it('reads 3.0 JSON, 2.0 YAML and 3.1 YAML', async () => {
    const petstore = await importOpenApiTools(petstoreText, { specUrl: 'http://127.0.0.1:9/api/v3/openapi.json' });
    expect(petstore.tools).toHaveLength(19);
    expect(petstore.tools[0]?.binding.serverUrl).toBe('http://127.0.0.1:9/api/v3');
    const swagger = await importOpenApiTools(swaggerText);
    expect(swagger.tools).toHaveLength(20);
    const tictactoe = await importOpenApiTools(tictactoeText, { serverUrl: 'https://ttt.example' });
    expect(tictactoe.tools.map((tool) => tool.manifest.name)).toEqual(['get-board', 'get-square', 'put-square']);
  });
});
