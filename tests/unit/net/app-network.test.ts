import { describe, expect, it } from 'vitest';
import { createAppNetwork, ENGINE_KEY_SECRET, MODEL_API_KEY_SECRET } from '../../../src/net/app-network';
import { defaultSettings, type Settings } from '../../../src/store';

const ENGINE_KEY = 'sk-engine-CANARY-1234';
const MODEL_KEY = 'sk-model-CANARY-5678';

function settings(change: (settings: Settings) => void = () => undefined): Settings {
  const value = defaultSettings();
  value.engine = { ...value.engine, baseUrl: 'https://llm.example/v1', model: 'm', apiKey: ENGINE_KEY };
  value.modelApi = { baseUrl: 'https://models.example/v1', model: 'big', imageModel: '', apiKey: MODEL_KEY };
  change(value);
  return value;
}

function setup() {
  const sent: { url: string; authorization: string | null }[] = [];
  const network = createAppNetwork({
    appOrigin: 'https://tabagent.app',
    fetch: async (input, init) => {
      const request = new Request(input, init);
      sent.push({ url: request.url, authorization: request.headers.get('authorization') });
      return new Response('ok');
    },
  });
  return { network, sent };
}

describe('the app\'s network', () => {
  it('blocks everything but the app itself until the settings are known', async () => {
    const { network } = setup();
    await expect(network.door.fetch('https://llm.example/v1/models')).rejects.toMatchObject({ code: 'network-blocked' });
  });

  it('grants the configured engine, fills in its key from Settings for its origin only', async () => {
    const { network, sent } = setup();
    network.services.useSettings(settings());
    const engineFetch = network.door.as('engine');
    await engineFetch('https://llm.example/v1/chat/completions', { method: 'POST', headers: { Authorization: `Bearer {{secret:${ENGINE_KEY_SECRET}}}` }, body: '{}' });
    expect(sent).toEqual([{ url: 'https://llm.example/v1/chat/completions', authorization: `Bearer ${ENGINE_KEY}` }]);
    // The engine's key never goes to the model API's server, granted or not.
    network.addGrantSource(() => [{ origin: 'https://models.example', holder: 'tool:model_api' }]);
    await expect(
      network.door.fetch('https://models.example/v1/chat/completions', { headers: { Authorization: `Bearer {{secret:${ENGINE_KEY_SECRET}}}` } }),
    ).rejects.toMatchObject({ code: 'network-blocked' });
    await network.door.fetch('https://models.example/v1/chat/completions', { headers: { Authorization: `Bearer {{secret:${MODEL_API_KEY_SECRET}}}` } });
    expect(sent.at(-1)?.authorization).toBe(`Bearer ${MODEL_KEY}`);
    expect(await network.resolveSecret(ENGINE_KEY_SECRET, 'https://llm.example')).toBe(`{{secret:${ENGINE_KEY_SECRET}}}`);
    expect(await network.resolveSecret(ENGINE_KEY_SECRET, 'https://models.example')).toBeUndefined();
    const listed = await network.services.secrets();
    expect(listed.map((secret) => [secret.label, secret.fromSettings])).toEqual([
      ['Engine API key (Settings)', true],
      ['Model API key (Settings)', true],
    ]);
    expect(JSON.stringify(listed)).not.toContain(ENGINE_KEY);
  });

  it('reaches the model hub only during a download, and says so when it is blocked', async () => {
    const { network } = setup();
    network.services.useSettings(settings());
    const blocked = network.door.fetch('https://huggingface.co/org/model/resolve/main/config.json');
    await expect(blocked).rejects.toMatchObject({ message: expect.stringMatching(/open Models and download the model/) });
    const release = network.grant(['https://huggingface.co', 'https://*.hf.co'], 'model download: tiny');
    await expect(network.door.fetch('https://cas-bridge.xethub.hf.co/x')).resolves.toBeInstanceOf(Response);
    expect(network.services.grants()).toContainEqual({ origin: 'https://*.hf.co', holder: 'model download: tiny' });
    release();
    await expect(network.door.fetch('https://cas-bridge.xethub.hf.co/x')).rejects.toMatchObject({ code: 'network-blocked' });
  });

  it('follows strict mode from the settings, and a local engine has no server origin', async () => {
    const { network } = setup();
    network.services.useSettings(settings((value) => (value.strictNetwork = false)));
    await expect(network.door.fetch('https://anywhere.example/')).resolves.toBeInstanceOf(Response);
    network.services.useSettings(settings((value) => (value.engine.kind = 'webllm')));
    expect(network.services.grants()).toEqual([]);
    await expect(network.door.fetch('https://llm.example/v1/models')).rejects.toMatchObject({ code: 'network-blocked' });
  });
});
