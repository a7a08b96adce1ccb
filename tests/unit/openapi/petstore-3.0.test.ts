import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToolExecutor } from '../../../src/tools/executor';
import { importOpenApi as importFromToolsIndex } from '../../../src/tools';
import { containsSecretPlaceholder, secretPlaceholder } from '../../../src/core/secret-placeholder';
import { createOpenApiImplementation, createOpenApiPreview, importOpenApiTools, type OpenApiImport } from '../../../src/tools/openapi';
import { ToolRegistry } from '../../../src/tools/registry';
import type { ResolveSecret } from '../../../src/tools/secrets';
import { startRecordingServer, type RecordingServer } from '../../support/recording-server';


/** A schema read in a test: any key, nested all the way down. */
interface SchemaView {
  [key: string]: SchemaView & unknown;
}
const PETSTORE = readFileSync(new URL('../../fixtures/openapi/petstore-3.0.json', import.meta.url), 'utf8');
const OPERATION_IDS = [
  'updatePet',
  'addPet',
  'findPetsByStatus',
  'findPetsByTags',
  'getPetById',
  'updatePetWithForm',
  'deletePet',
  'uploadFile',
  'getInventory',
  'placeOrder',
  'getOrderById',
  'deleteOrder',
  'createUser',
  'createUsersWithListInput',
  'loginUser',
  'logoutUser',
  'getUserByName',
  'updateUser',
  'deleteUser',
];

/** The published Swagger Petstore (OpenAPI 3.0), its relative server resolved against where it was loaded. */
describe('the Swagger Petstore, OpenAPI 3.0', { timeout: 30_000 }, () => {
  let api: RecordingServer;
  let imported: OpenApiImport;
  const secrets: Record<string, string> = { 'secret-oauth': 'token-abc', 'secret-key': 'key-xyz' };
  const resolveSecret: ResolveSecret = async (id, origin) => (origin === api.origin ? secrets[id] : undefined);

  beforeAll(async () => {
    api = await startRecordingServer({
      respond: (request) => (request.path.endsWith('/pet/404') ? { status: 404, body: { code: 1, type: 'error', message: 'Pet not found' } } : undefined),
    });
    imported = await importOpenApiTools(PETSTORE, {
      specUrl: `${api.origin}/api/v3/openapi.json`,
      secrets: { petstore_auth: 'secret-oauth', api_key: 'secret-key' },
    });
  });
  afterAll(() => api.close());

  function executor(resolve: ResolveSecret = resolveSecret) {
    const registry = new ToolRegistry();
    for (const tool of imported.tools) {
      registry.register(tool.manifest, createOpenApiImplementation(tool.binding, { resolveSecret: resolve }), {
        preview: createOpenApiPreview(tool.binding, { resolveSecret: resolve }),
      });
    }
    return createToolExecutor(registry);
  }

  it('makes one valid tool per operation, named by operationId, reaching only the API origin', () => {
    expect(imported).toMatchObject({ title: 'Swagger Petstore - OpenAPI 3.0', specVersion: '3.0', apiVersion: '1.0.27', skipped: [] });
    expect(imported.tools.map((tool) => tool.manifest.name)).toEqual(OPERATION_IDS);
    const registry = new ToolRegistry();
    for (const tool of imported.tools) registry.register(tool.manifest, async () => null);
    for (const tool of imported.tools) {
      expect(tool.manifest.kind).toBe('openapi');
      expect(tool.manifest.allowedOrigins).toEqual([api.origin]);
      expect(tool.binding.serverUrl).toBe(`${api.origin}/api/v3`);
      expect(JSON.stringify(tool.manifest.parameters)).not.toContain('$ref');
    }
    const byName = new Map(imported.tools.map((tool) => [tool.manifest.name, tool.manifest]));
    expect(byName.get('getPetById')?.sideEffects).toBe(false);
    expect(byName.get('addPet')?.sideEffects).toBe(true);
    expect(byName.get('deletePet')?.sideEffects).toBe(true);
    expect(byName.get('getPetById')?.description).toBe('Find pet by ID. Returns a single pet. (GET /pet/{petId})');
  });

  it('merges body properties, with $refs resolved, into one schema', () => {
    const addPet = imported.tools.find((tool) => tool.manifest.name === 'addPet')!.manifest.parameters as unknown as SchemaView;
    expect(addPet.required).toEqual(['name', 'photoUrls']);
    expect(Object.keys(addPet.properties ?? {})).toEqual(['id', 'name', 'category', 'photoUrls', 'tags', 'status']);
    expect(addPet.properties?.category).toMatchObject({ type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } } });
    expect(addPet.properties?.tags?.items).toMatchObject({ type: 'object', properties: { name: { type: 'string' } } });
    expect(addPet.additionalProperties).toBe(false);
    // A body property that clashes with a parameter keeps the body whole.
    const updateUser = imported.tools.find((tool) => tool.manifest.name === 'updateUser')!;
    expect(Object.keys(updateUser.manifest.parameters.properties as object)).toEqual(['username', 'body']);
    expect(updateUser.binding.body).toMatchObject({ mode: 'whole', argument: 'body', contentType: 'application/json' });
  });

  it('offers its security schemes as secret references', () => {
    expect(imported.securitySchemes.map((scheme) => [scheme.name, scheme.kind, scheme.in, scheme.parameter])).toEqual([
      ['petstore_auth', 'bearer', 'header', 'Authorization'],
      ['api_key', 'apiKey', 'header', 'api_key'],
    ]);
    const getPetById = imported.tools.find((tool) => tool.manifest.name === 'getPetById')!.manifest;
    expect(getPetById.secrets?.map((secret) => secret.name)).toEqual(['Swagger_Petstore_-_OpenAPI_3.0.api_key', 'Swagger_Petstore_-_OpenAPI_3.0.petstore_auth']);
    expect(JSON.stringify(imported.tools)).not.toContain('token-abc');
  });

  it('sends the right method, path, query, headers and body to the API', async () => {
    const tools = executor();
    const approve = async () => 'allow' as const;
    api.requests.length = 0;

    const added = await tools.execute(
      { id: '1', name: 'addPet', arguments: { name: 'doggie', photoUrls: ['https://example.com/d.png'], status: 'available', category: { id: 1, name: 'Dogs' } } },
      { approve },
    );
    expect(added.isError).toBe(false);
    expect(JSON.parse(added.content)).toMatchObject({ status: 200, body: { received: { method: 'POST', path: '/api/v3/pet' } } });
    await tools.execute({ id: '2', name: 'findPetsByStatus', arguments: { status: 'sold' } });
    await tools.execute({ id: '3', name: 'findPetsByTags', arguments: { tags: ['tag 1', 'tag&2'] } });
    await tools.execute({ id: '4', name: 'getPetById', arguments: { petId: 10 } });
    await tools.execute({ id: '5', name: 'deletePet', arguments: { petId: 10, api_key: 'header-param' } }, { approve });
    await tools.execute({ id: '6', name: 'updatePetWithForm', arguments: { petId: 7, name: 'Rex', status: 'sold' } }, { approve });
    await tools.execute({ id: '7', name: 'uploadFile', arguments: { petId: 7, additionalMetadata: 'x', body: 'raw bytes' } }, { approve });
    await tools.execute({ id: '8', name: 'updateUser', arguments: { username: 'the user', body: { email: 'a@b.c' } } }, { approve });
    await tools.execute({ id: '9', name: 'loginUser', arguments: { username: 'u', password: 'p w' } });

    const seen = api.requests.map(({ method, path, query }) => `${method} ${path}${query ? `?${query}` : ''}`);
    expect(seen).toEqual([
      'POST /api/v3/pet',
      'GET /api/v3/pet/findByStatus?status=sold',
      'GET /api/v3/pet/findByTags?tags=tag%201&tags=tag%262',
      'GET /api/v3/pet/10',
      'DELETE /api/v3/pet/10',
      'POST /api/v3/pet/7?name=Rex&status=sold',
      'POST /api/v3/pet/7/uploadImage?additionalMetadata=x',
      'PUT /api/v3/user/the%20user',
      'GET /api/v3/user/login?username=u&password=p%20w',
    ]);
    const [addPet, , , getPet, deletePet, , upload, updateUser] = api.requests;
    expect(addPet?.headers['content-type']).toBe('application/json');
    expect(JSON.parse(addPet!.body)).toEqual({ name: 'doggie', photoUrls: ['https://example.com/d.png'], status: 'available', category: { id: 1, name: 'Dogs' } });
    expect(addPet?.headers.authorization).toBe('Bearer token-abc');
    // getPetById prefers api_key (listed first); deletePet sends its own api_key header parameter plus the OAuth token.
    expect(getPet?.headers.api_key).toBe('key-xyz');
    expect(getPet?.headers.authorization).toBeUndefined();
    expect(deletePet?.headers.api_key).toBe('header-param');
    expect(deletePet?.headers.authorization).toBe('Bearer token-abc');
    expect(upload?.headers['content-type']).toBe('application/octet-stream');
    expect(upload?.body).toBe('raw bytes');
    expect(JSON.parse(updateUser!.body)).toEqual({ email: 'a@b.c' });
    // No secret ever appears in a body or a query.
    expect(api.requests.some((request) => request.body.includes('token-abc') || request.query.includes('key-xyz'))).toBe(false);
  });

  it('hands an API error to the model with its status, and refuses invalid arguments before any request', async () => {
    const tools = executor();
    api.requests.length = 0;
    const missing = await tools.execute({ id: '1', name: 'getPetById', arguments: { petId: 404 } });
    expect(missing.isError).toBe(true);
    expect(missing.error?.code).toBe('not-found');
    expect(missing.content).toContain('HTTP 404');
    expect(missing.content).toContain('Pet not found');
    const invalid = await tools.execute({ id: '2', name: 'getPetById', arguments: { petId: 'ten' } });
    expect(invalid.error?.code).toBe('invalid-arguments');
    const extra = await tools.execute({ id: '3', name: 'findPetsByStatus', arguments: { status: 'sold', url: 'http://evil.example' } });
    expect(extra.error?.code).toBe('invalid-arguments');
    expect(api.requests).toHaveLength(1);
  });

  it('shows the exact request in the approval, with credentials as door placeholders, and sends just that', async () => {
    // With the network door, secrets resolve to placeholders that only the door fills in.
    const viaDoor: ResolveSecret = async (id, origin) => (origin === api.origin ? secretPlaceholder(id) : undefined);
    const tools = executor(viaDoor);
    api.requests.length = 0;
    const shown: unknown[] = [];
    const result = await tools.execute(
      { id: '1', name: 'placeOrder', arguments: { petId: 198772, quantity: 7, status: 'approved' } },
      {
        approve: async (_call, _signal, details) => {
          shown.push(details?.requests);
          return 'allow';
        },
      },
    );
    expect(result.isError).toBe(false);
    expect(shown).toEqual([[{ method: 'POST', url: `${api.origin}/api/v3/store/order`, headers: expect.any(Object), body: '{"petId":198772,"quantity":7,"status":"approved"}' }]]);
    expect(api.requests.map((request) => [request.method, request.path, request.body])).toEqual([
      ['POST', '/api/v3/store/order', '{"petId":198772,"quantity":7,"status":"approved"}'],
    ]);
    const preview = await createOpenApiPreview(imported.tools.find((tool) => tool.manifest.name === 'addPet')!.binding, { resolveSecret: viaDoor })({
      name: 'x',
      photoUrls: [],
    });
    expect(containsSecretPlaceholder(preview[0]?.headers?.authorization ?? '')).toBe(true);
    // Without a door a raw value is masked in the preview.
    const raw = await createOpenApiPreview(imported.tools.find((tool) => tool.manifest.name === 'addPet')!.binding, { resolveSecret })({ name: 'x', photoUrls: [] });
    expect(raw[0]?.headers?.authorization).toBe('‹secret›');
  });

  it('asks approval for side-effecting operations: declined means not sent', async () => {
    const tools = executor();
    api.requests.length = 0;
    const result = await tools.execute({ id: '1', name: 'deleteOrder', arguments: { orderId: 3 } }, { approve: async () => 'deny' });
    expect(result.error?.code).toBe('denied');
    expect(api.requests).toHaveLength(0);
  });

  it('calls the base URL the person gives instead of the document’s', async () => {
    const other = await importOpenApiTools(PETSTORE, { serverUrl: 'https://petstore.example.org/api/v3/' });
    expect(other.tools[0]?.binding.serverUrl).toBe('https://petstore.example.org/api/v3');
    expect(other.tools[0]?.manifest.allowedOrigins).toEqual(['https://petstore.example.org']);
  });

  it('needs a base URL when the server is relative and the document has no URL', async () => {
    await expect(importOpenApiTools(PETSTORE)).rejects.toThrow(/relative/);
  });

  it('is exported from src/tools as importOpenApi, resolving to the manifests', async () => {
    const manifests = await importFromToolsIndex(JSON.parse(PETSTORE) as object, { specUrl: 'https://petstore3.swagger.io/api/v3/openapi.json' });
    expect(manifests.map((manifest) => manifest.name)).toEqual(OPERATION_IDS);
    expect(manifests[0]?.allowedOrigins).toEqual(['https://petstore3.swagger.io']);
  });
});
