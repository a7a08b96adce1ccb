/** A worker like ours: the network door first, then code that fetches on its own. */
import '../../../src/net/install-worker-door';

interface Probe {
  id: number;
  kind: 'fetch' | 'cache-add';
  url: string;
}

self.addEventListener('message', (event: MessageEvent<Probe>) => {
  const probe = event.data;
  if (typeof probe?.id !== 'number') return;
  const work =
    probe.kind === 'fetch'
      ? fetch(probe.url).then(async (response) => ({ ok: true, status: response.status, length: (await response.arrayBuffer()).byteLength }))
      : caches.open('door-test').then(async (cache) => {
          await cache.add(probe.url);
          return { ok: true, status: 200, length: 0 };
        });
  void work.then(
    (result) => self.postMessage({ id: probe.id, ...result }),
    (error: unknown) =>
      self.postMessage({
        id: probe.id,
        ok: false,
        code: (error as { code?: unknown }).code ?? null,
        message: error instanceof Error ? error.message : String(error),
      }),
  );
});
