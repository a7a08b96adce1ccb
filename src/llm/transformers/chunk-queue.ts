/** A single-consumer async queue: the generation loop pushes chunks, `chat()` pulls them. */

export interface ChunkQueue<T> {
  push(value: T): void;
  /** Ends the stream; pending and later pulls see the end after queued values drain. */
  close(): void;
  /** Fails the stream at once: queued values are dropped, so nothing arrives after an abort. */
  fail(error: unknown): void;
  /** Resolves with the next value, or `undefined` at the end. */
  next(): Promise<T | undefined>;
}

/** Creates an empty queue. */
export function createChunkQueue<T>(): ChunkQueue<T> {
  const values: T[] = [];
  let closed = false;
  let failure: { error: unknown } | undefined;
  let waiter: { resolve: (value: T | undefined) => void; reject: (error: unknown) => void } | undefined;

  function settle(): void {
    if (waiter === undefined) return;
    const current = waiter;
    if (failure !== undefined) {
      waiter = undefined;
      current.reject(failure.error);
    } else if (values.length > 0) {
      waiter = undefined;
      current.resolve(values.shift());
    } else if (closed) {
      waiter = undefined;
      current.resolve(undefined);
    }
  }

  return {
    push(value) {
      if (closed || failure !== undefined) return;
      values.push(value);
      settle();
    },
    close() {
      closed = true;
      settle();
    },
    fail(error) {
      if (failure !== undefined) return;
      failure = { error };
      values.length = 0;
      settle();
    },
    next() {
      if (failure !== undefined) return Promise.reject(failure.error);
      if (values.length > 0) return Promise.resolve(values.shift());
      if (closed) return Promise.resolve(undefined);
      return new Promise((resolve, reject) => {
        waiter = { resolve, reject };
      });
    },
  };
}
