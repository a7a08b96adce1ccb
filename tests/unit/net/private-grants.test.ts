import { describe, expect, it } from 'vitest';
import { createNetworkDoor } from '../../../src/net/door';
import { createMemoryLedgerStore, createNetworkLedger } from '../../../src/net/ledger';
import { createNetworkPolicy, type Grant } from '../../../src/net/policy';
import { parseManifestFile } from '../../../src/tools/custom/manifest-file';
import { importOpenApiTools } from '../../../src/tools/openapi';
import { toolGrants } from '../../../src/tools/origins';

function door(grants: Grant[], strict = true) {
  const sent: string[] = [];
  const policy = createNetworkPolicy({ strict: () => strict, sources: [() => grants] });
  const network = createNetworkDoor({
    policy,
    ledger: createNetworkLedger(createMemoryLedgerStore()),
    appOrigin: 'https://tabagent.app',
    fetch: async (input) => {
      sent.push(new Request(input).url);
      return new Response('ok');
    },
  });
  return { network, sent, policy };
}

function spec(server: string): object {
  return {
    openapi: '3.0.3',
    info: { title: 'Metadata', version: '1' },
    servers: [{ url: server }],
    paths: { '/latest/meta-data/': { get: { operationId: 'meta', responses: { 200: { description: 'ok' } } } } },
  };
}

describe('private network targets need a grant that says so', () => {
  for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:8080/x', 'http://[::1]/x', 'http://10.0.0.1/', 'http://[::ffff:192.168.0.1]/']) {
    it(`refuses ${url} granted to a tool without the private-network flag, in strict mode or not`, async () => {
      const origin = new URL(url).origin;
      for (const strict of [true, false]) {
        const { network, sent } = door(toolGrants('meta', [origin], {}), strict);
        await expect(network.fetch(url)).rejects.toMatchObject({ code: 'network-blocked', message: expect.stringContaining('private network') });
        expect(sent).toEqual([]);
      }
      const { network, sent } = door(toolGrants('meta', [origin], { privateNetwork: true }));
      await expect(network.fetch(url)).resolves.toBeInstanceOf(Response);
      expect(sent).toEqual([new URL(url).href]);
    });
  }

  it('lets a tool reach a private address the person typed (model_api in Settings), and only that one', async () => {
    const typed = 'http://127.0.0.1:8080';
    const { network, sent } = door(toolGrants('model_api', [typed, 'http://10.0.0.1'], {}, [typed]));
    await expect(network.fetch(`${typed}/v1/images`)).resolves.toBeInstanceOf(Response);
    await expect(network.fetch('http://10.0.0.1/')).rejects.toMatchObject({ code: 'network-blocked' });
    expect(sent).toEqual([`${typed}/v1/images`]);
  });

  it('still lets public origins through with an ordinary grant', async () => {
    const { network } = door(toolGrants('api', ['https://api.example.com'], {}));
    await expect(network.fetch('https://api.example.com/v1')).resolves.toBeInstanceOf(Response);
  });

  it('lets temporary grants (a server the person connects) reach private addresses', async () => {
    const { network, policy } = door([]);
    const release = policy.grant(['http://127.0.0.1:3001'], 'mcp:local');
    await expect(network.fetch('http://127.0.0.1:3001/mcp')).resolves.toBeInstanceOf(Response);
    release();
  });

  it('does not grant an OpenAPI document’s own private server, and says why', async () => {
    const { tools } = await importOpenApiTools(spec('http://169.254.169.254'));
    expect(tools[0]!.manifest.allowedOrigins).toEqual(['http://169.254.169.254']);
    expect(tools[0]!.manifest.privateNetwork).toBeUndefined();
    expect(tools[0]!.notes.join(' ')).toContain('private network');
  });

  it('grants a private server the person typed as the base URL', async () => {
    const { tools } = await importOpenApiTools(spec('https://api.example.com'), { serverUrl: 'http://localhost:8000' });
    expect(tools[0]!.manifest).toMatchObject({ allowedOrigins: ['http://localhost:8000'], privateNetwork: true });
  });

  it('shows the real origin of a server written as user@host', async () => {
    const { tools } = await importOpenApiTools(spec('https://api.example.com@evil.example/v1'));
    expect(tools[0]!.manifest.allowedOrigins).toEqual(['https://evil.example']);
  });

  it('never takes the private-network grant from a manifest file', () => {
    const file = {
      name: 'local_thing',
      description: 'Reads a local thing.',
      kind: 'http',
      sideEffects: false,
      allowedOrigins: ['http://127.0.0.1:9000'],
      privateNetwork: true,
      parameters: { type: 'object', properties: {} },
      implementation: { type: 'http', method: 'GET', url: 'http://127.0.0.1:9000/thing' },
    };
    const parsed = parseManifestFile(JSON.stringify(file));
    expect(parsed).toMatchObject({ ok: true });
    expect(parsed.ok ? parsed.manifest.privateNetwork : 'not parsed').toBeUndefined();
  });
});
