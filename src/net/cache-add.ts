/**
 * `Cache.add` and `Cache.addAll` fetch on their own, past any `fetch` a page installs (web-llm
 * downloads model weights with `cache.add`). Re-implemented here over `globalThis.fetch`, exactly
 * as the Service Worker spec defines them (fetch; a non-2xx answer is a TypeError; then put), so
 * those downloads go through the door too.
 */
export function routeCacheAddThroughFetch(): () => void {
  const proto = (globalThis as { Cache?: { prototype: Cache } }).Cache?.prototype;
  if (!proto) return () => undefined;
  const { add, addAll } = proto;
  proto.add = async function add(this: Cache, request: RequestInfo | URL): Promise<void> {
    const response = await globalThis.fetch(request instanceof URL ? request.href : request);
    if (!response.ok) throw new TypeError(`Cache.add: the request failed with status ${response.status}.`);
    await this.put(request, response);
  };
  proto.addAll = async function addAll(this: Cache, requests: Iterable<RequestInfo>): Promise<void> {
    await Promise.all([...requests].map((request) => this.add(request)));
  };
  return () => {
    proto.add = add;
    proto.addAll = addAll;
  };
}
