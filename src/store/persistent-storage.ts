/** What the browser answered to a request for persistent storage. */
export type PersistenceResult = 'granted' | 'denied' | 'unsupported';

/** The part of `StorageManager` used here (tests pass a double). */
export type PersistableStorage = Pick<StorageManager, 'persist'>;

const requests = new WeakMap<PersistableStorage, Promise<PersistenceResult>>();

/**
 * Asks the browser to keep this origin's data when it runs short of space (otherwise an
 * unvisited site's IndexedDB may be evicted). Asks once per page: later calls return the first
 * answer, since browsers may prompt the person and repeating the request changes nothing.
 */
export function requestPersistentStorage(
  storage: PersistableStorage | undefined = typeof navigator === 'undefined' ? undefined : navigator.storage,
): Promise<PersistenceResult> {
  if (storage === undefined || typeof storage.persist !== 'function') return Promise.resolve('unsupported');
  let request = requests.get(storage);
  if (request === undefined) {
    request = storage.persist().then(
      (granted): PersistenceResult => (granted ? 'granted' : 'denied'),
      (): PersistenceResult => 'unsupported',
    );
    requests.set(storage, request);
  }
  return request;
}
