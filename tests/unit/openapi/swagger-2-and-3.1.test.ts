import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolExecutor } from '../../../src/tools/executor';
import { createOpenApiImplementation, importOpenApiTools, type OpenApiImport } from '../../../src/tools/openapi';
import { ToolRegistry } from '../../../src/tools/registry';
import type { ResolveSecret } from '../../../src/tools/secrets';
import { startRecordingServer, type RecordingServer } from '../../support/recording-server';


/** A schema read in a test: any key, nested all the way down. */
interface SchemaView {
  [key: string]: SchemaView & unknown;
}
const SWAGGER2 = readFileSync(new URL('../../fixtures/openapi/petstore-swagger-2.0.yaml', import.meta.url), 'utf8');
const TICTACTOE = readFileSync(new URL('../../fixtures/openapi/tictactoe-3.1.yaml', import.meta.url), 'utf8');

function executorFor(imported: OpenApiImport, resolveSecret?: ResolveSecret) {
  const registry = new ToolRegistry();
  for (const tool of imported.tools) registry.register(tool.manifest, createOpenApiImplementation(tool.binding, resolveSecret ? { resolveSecret } : {}));
  return createToolExecutor(registry);
}

const approve = async () => 'allow' as const;

describe('the Swagger Petstore, Swagger 2.0 in YAML', { timeout: 30_000 }, () => {
  let api: RecordingServer;
  beforeAll(async () => {
    api = await startRecordingServer();
  });
  afterAll(() => api.close());

  it('builds its server from schemes, host and basePath (https preferred)', async () => {
    const imported = await importOpenApiTools(SWAGGER2);
    expect(imported.specVersion).toBe('2.0');
    expect(imported.tools).toHaveLength(20);
    expect(new Set(imported.tools.map((tool) => tool.binding.serverUrl))).toEqual(new Set(['https://petstore.swagger.io/v2']));
    expect(imported.tools[0]?.manifest.allowedOrigins).toEqual(['https://petstore.swagger.io']);
    const loginUser = imported.tools.find((tool) => tool.manifest.name === 'loginUser')!.manifest.parameters;
    expect(loginUser.required).toEqual(['username', 'password']);
    const getOrder = imported.tools.find((tool) => tool.manifest.name === 'getOrderById')!.manifest.parameters as unknown as SchemaView;
    expect(getOrder.properties?.orderId).toMatchObject({ type: 'integer', minimum: 1, maximum: 10 });
  });

  it('sends body, formData (urlencoded and multipart), multi query and header parameters', async () => {
    const imported = await importOpenApiTools(SWAGGER2, { serverUrl: `${api.origin}/v2`, secrets: { api_key: 'k', petstore_auth: 't' } });
    const tools = executorFor(imported, async (id) => ({ k: 'special-key', t: 'oauth-token' })[id]);
    api.requests.length = 0;
    const results = [
      await tools.execute({ id: '1', name: 'findPetsByStatus', arguments: { status: ['available', 'sold'] } }),
      await tools.execute({ id: '2', name: 'addPet', arguments: { name: 'doggie', photoUrls: [] } }, { approve }),
      await tools.execute({ id: '3', name: 'updatePetWithForm', arguments: { petId: 5, name: 'Rex R', status: 'sold' } }, { approve }),
      await tools.execute({ id: '4', name: 'uploadFile', arguments: { petId: 5, additionalMetadata: 'meta', file: 'file text' } }, { approve }),
      await tools.execute({ id: '5', name: 'getPetById', arguments: { petId: 5 } }),
      await tools.execute({ id: '6', name: 'createUsersWithArrayInput', arguments: { body: [{ username: 'a' }, { username: 'b' }] } }, { approve }),
    ];
    expect(results.map((result) => result.isError)).toEqual([false, false, false, false, false, false]);
    expect(api.requests.map(({ method, path, query }) => `${method} ${path}${query ? `?${query}` : ''}`)).toEqual([
      'GET /v2/pet/findByStatus?status=available&status=sold',
      'POST /v2/pet',
      'POST /v2/pet/5',
      'POST /v2/pet/5/uploadImage',
      'GET /v2/pet/5',
      'POST /v2/user/createWithArray',
    ]);
    const [, addPet, form, upload, getPet, users] = api.requests;
    expect(JSON.parse(addPet!.body)).toEqual({ name: 'doggie', photoUrls: [] });
    expect(addPet?.headers.authorization).toBe('Bearer oauth-token');
    expect(form?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded\b/);
    expect(form?.body).toBe('name=Rex+R&status=sold');
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(upload?.body).toContain('name="additionalMetadata"');
    expect(upload?.body).toContain('file text');
    expect(getPet?.headers.api_key).toBe('special-key');
    expect(JSON.parse(users!.body)).toEqual([{ username: 'a' }, { username: 'b' }]);
  });
});

describe('Tic Tac Toe, OpenAPI 3.1 (no servers: the base URL is given)', { timeout: 30_000 }, () => {
  let api: RecordingServer;
  beforeAll(async () => {
    api = await startRecordingServer({
      respond: (request) => (request.method === 'PUT' ? { body: { winner: '.', board: [['X', '.', '.'], ['.', '.', '.'], ['.', '.', '.']] } } : undefined),
    });
  });
  afterAll(() => api.close());

  it('asks for a base URL when the document names no server and was not loaded from a URL', async () => {
    await expect(importOpenApiTools(TICTACTOE)).rejects.toSatisfy((error) => (error as { code?: string }).code === 'config');
  });

  it('resolves path parameters shared by the path item, and sends a non-object body whole', async () => {
    const imported = await importOpenApiTools(TICTACTOE, { serverUrl: api.origin, secrets: { bearerHttpAuthentication: 'jwt' } });
    expect(imported.specVersion).toBe('3.1');
    expect(imported.tools.map((tool) => tool.manifest.name)).toEqual(['get-board', 'get-square', 'put-square']);
    const putSquare = imported.tools[2]!.manifest.parameters as unknown as SchemaView;
    expect(putSquare.required).toEqual(['row', 'column', 'body']);
    expect(putSquare.properties?.row).toMatchObject({ type: 'integer', minimum: 1, maximum: 3, description: 'Board row (vertical coordinate)' });
    expect(putSquare.properties?.body).toMatchObject({ type: 'string', enum: ['.', 'X', 'O'] });
    expect(imported.securitySchemes.map((scheme) => scheme.name)).toEqual(['defaultApiKey', 'bearerHttpAuthentication', 'app2AppOauth', 'user2AppOauth']);

    const tools = executorFor(imported, async (id, origin) => (id === 'jwt' && origin === api.origin ? 'eyJ.token' : undefined));
    api.requests.length = 0;
    const put = await tools.execute({ id: '1', name: 'put-square', arguments: { row: 1, column: 1, body: 'X' } }, { approve });
    expect(JSON.parse(put.content)).toMatchObject({ status: 200, body: { winner: '.' } });
    const outOfRange = await tools.execute({ id: '2', name: 'get-square', arguments: { row: 4, column: 1 } });
    expect(outOfRange.error?.code).toBe('invalid-arguments');
    expect(api.requests).toHaveLength(1);
    expect(api.requests[0]).toMatchObject({ method: 'PUT', path: '/board/1/1', body: '"X"' });
    expect(api.requests[0]?.headers.authorization).toBe('Bearer eyJ.token');
  });

  it('fails with a config error, not an unauthenticated call, when a chosen secret is gone', async () => {
    const imported = await importOpenApiTools(TICTACTOE, { serverUrl: api.origin, secrets: { defaultApiKey: 'deleted' } });
    const tools = executorFor(imported, async () => undefined);
    api.requests.length = 0;
    const result = await tools.execute({ id: '1', name: 'get-board', arguments: {} });
    expect(result.error?.code).toBe('config');
    expect(api.requests).toHaveLength(0);
  });
});
