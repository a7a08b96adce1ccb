import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright';
import { chromiumArgs } from '../vitest.config';

/**
 * IndexedDB throughput in real headless Chromium: N vector records ({id, vector: Float32Array(384)})
 * written and read in ONE transaction versus one transaction per record, plus one getAll(). The
 * store saves vectors this way (src/store), and DESIGN.md expects batching to win 10–25×; this
 * measures it. Each variant runs ROUNDS times on a cleared store; figures are per-variant medians.
 */
const RECORDS = 5_000;
const DIM = 384;
const ROUNDS = 3;

/** Milliseconds of one round, per variant. */
interface IdbRound {
  writeBatchedMs: number;
  writePerRecordMs: number;
  readBatchedMs: number;
  readPerRecordMs: number;
  readGetAllMs: number;
}

interface IdbPageResult {
  durability: string;
  rounds: IdbRound[];
}

/**
 * Runs inside the page (Playwright sends its source, so it may use only its parameters and browser
 * globals). The records are made once; vectors are filled with a cheap LCG so no two are alike.
 */
async function indexedDbBenchInPage(config: { records: number; dim: number; rounds: number }): Promise<IdbPageResult> {
  const settle = <T>(request: IDBRequest<T>): Promise<T> =>
    new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  const committed = (transaction: IDBTransaction): Promise<void> =>
    new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('transaction aborted'));
    });
  const name = 'tabagent-idb-bench';
  await settle(indexedDB.deleteDatabase(name));
  const opening = indexedDB.open(name, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore('vectors', { keyPath: 'id' });
  const db = await settle(opening);

  let seed = 1;
  const records = Array.from({ length: config.records }, (_, index) => {
    const vector = new Float32Array(config.dim);
    for (let i = 0; i < config.dim; i += 1) {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      vector[i] = seed / 2 ** 32 - 0.5;
    }
    return { id: `v${index}`, vector };
  });
  const clear = async (): Promise<void> => {
    const transaction = db.transaction('vectors', 'readwrite');
    transaction.objectStore('vectors').clear();
    await committed(transaction);
  };
  const check = (record: { id: string; vector: Float32Array } | undefined, index: number): void => {
    const expected = records[index]!;
    if (record === undefined || record.id !== expected.id || record.vector.length !== config.dim || record.vector[7] !== expected.vector[7]) {
      throw new Error(`Read back the wrong record for ${expected.id}`);
    }
  };
  let durability = 'unknown';
  const rounds: IdbRound[] = [];
  for (let round = 0; round < config.rounds; round += 1) {
    await clear();
    let start = performance.now();
    const batch = db.transaction('vectors', 'readwrite');
    durability = (batch as IDBTransaction & { durability?: string }).durability ?? durability;
    const store = batch.objectStore('vectors');
    for (const record of records) store.put(record);
    await committed(batch);
    const writeBatchedMs = performance.now() - start;

    await clear();
    start = performance.now();
    for (const record of records) {
      const single = db.transaction('vectors', 'readwrite');
      single.objectStore('vectors').put(record);
      await committed(single);
    }
    const writePerRecordMs = performance.now() - start;

    start = performance.now();
    const reading = db.transaction('vectors', 'readonly');
    const readStore = reading.objectStore('vectors');
    // Every get is queued before any await: awaiting between them would let the transaction close.
    const read = await Promise.all(records.map((record) => settle<{ id: string; vector: Float32Array } | undefined>(readStore.get(record.id))));
    await committed(reading);
    const readBatchedMs = performance.now() - start;
    read.forEach(check);

    start = performance.now();
    for (let index = 0; index < records.length; index += 1) {
      const single = db.transaction('vectors', 'readonly');
      check(await settle<{ id: string; vector: Float32Array } | undefined>(single.objectStore('vectors').get(records[index]!.id)), index);
    }
    const readPerRecordMs = performance.now() - start;

    start = performance.now();
    const all = await settle(db.transaction('vectors', 'readonly').objectStore('vectors').getAll());
    const readGetAllMs = performance.now() - start;
    if (all.length !== records.length) throw new Error(`getAll returned ${all.length} of ${records.length} records`);

    rounds.push({ writeBatchedMs, writePerRecordMs, readBatchedMs, readPerRecordMs, readGetAllMs });
  }
  db.close();
  await settle(indexedDB.deleteDatabase(name));
  return { durability, rounds };
}

/** Serves an empty page: IndexedDB needs a real origin (about:blank has none). */
async function startBlankPageServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>IndexedDB bench</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function figure(ms: number): Throughput {
  return { ms: Number(ms.toFixed(1)), records_per_s: Math.round(RECORDS / (ms / 1000)) };
}

/** Time and throughput of one variant (median over rounds). */
interface Throughput {
  ms: number;
  records_per_s: number;
}

/** The `indexeddb` entry of bench/results/retrieval.json. */
export interface IndexedDbFigures {
  description: string;
  browser: string;
  records: number;
  dim: number;
  rounds: number;
  /** The transactions' durability hint as Chromium reports it. */
  durability: string;
  write: { batched: Throughput; per_record: Throughput };
  read: { batched: Throughput; per_record: Throughput; get_all: Throughput };
  /** Per-record time ÷ batched time. */
  write_speedup_batched: number;
  read_speedup_batched: number;
  runs: Record<string, number>[];
}

/** Runs the IndexedDB part of `npm run bench -- retrieval`; returns the `indexeddb` figures. */
export async function runIndexedDbBench(): Promise<IndexedDbFigures> {
  const { server, url } = await startBlankPageServer();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
  try {
    const page = await browser.newPage();
    // tsx compiles this file with esbuild's keepNames, which wraps functions in `__name(...)` calls;
    // the page receives the function's source, so it needs that helper too.
    await page.addInitScript({ content: 'globalThis.__name = (target) => target;' });
    await page.goto(url);
    const result = await page.evaluate(indexedDbBenchInPage, { records: RECORDS, dim: DIM, rounds: ROUNDS });
    const pick = (key: keyof IdbRound): number => median(result.rounds.map((round) => round[key]));
    const write = { batched: figure(pick('writeBatchedMs')), per_record: figure(pick('writePerRecordMs')) };
    const read = { batched: figure(pick('readBatchedMs')), per_record: figure(pick('readPerRecordMs')), get_all: figure(pick('readGetAllMs')) };
    const speedup = (batched: number, perRecord: number): number => Number((perRecord / batched).toFixed(2));
    console.log(
      `indexeddb ${RECORDS}×${DIM}-d: write ${write.batched.records_per_s}/s batched vs ${write.per_record.records_per_s}/s per record, ` +
        `read ${read.batched.records_per_s}/s vs ${read.per_record.records_per_s}/s`,
    );
    return {
      description: `${RECORDS} records {id, vector: Float32Array(${DIM})} in headless Chromium; one readwrite/readonly transaction for all records vs one per record (awaited in turn); getAll() for reference; medians of ${ROUNDS} rounds`,
      browser: browser.version(),
      records: RECORDS,
      dim: DIM,
      rounds: ROUNDS,
      durability: result.durability,
      write,
      read,
      write_speedup_batched: speedup(pick('writeBatchedMs'), pick('writePerRecordMs')),
      read_speedup_batched: speedup(pick('readBatchedMs'), pick('readPerRecordMs')),
      runs: result.rounds.map((round) => Object.fromEntries(Object.entries(round).map(([key, ms]) => [key, Number(ms.toFixed(1))]))),
    };
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
}
