import { HnswGraph } from './hnsw-graph';

/** HNSW tuning. Defaults suit 384-d embeddings (see bench/retrieval.bench.ts). */
export interface HnswParams {
  /** Links per node on upper layers (2·M on layer 0). */
  M: number;
  /** Search breadth while inserting: higher = better graph, slower build. */
  efConstruction: number;
  /** Default search breadth of queries. */
  efSearch: number;
  /** Seed of the level generator: equal inputs in equal order build equal graphs. */
  seed: number;
}

/** Structured-clone friendly snapshot of an HNSW graph: typed arrays + ids + params. */
export interface HnswIndexData {
  kind: 'hnsw';
  version: 1;
  dim: number;
  params: HnswParams;
  rngState: number;
  /** One id per slot, tombstoned slots included (their `deleted` flag is 1). */
  ids: string[];
  vectors: Float32Array;
  deleted: Uint8Array;
  levels: Uint8Array;
  /** Per slot `2M + 1` ints: the layer-0 link count, then the links. */
  links0: Int32Array;
  /** Per slot the start of its upper-layer blocks in `upper`, or −1 on layer-0-only nodes. */
  upperStart: Int32Array;
  /** Blocks of `M + 1` ints (count, links), one per upper layer of a node. */
  upper: Int32Array;
  entry: number;
  maxLevel: number;
}

/** Copies a graph into a structured-clone friendly snapshot (arrays trimmed to the used length). */
export function snapshotGraph(graph: HnswGraph): HnswIndexData {
  const n = graph.count;
  const M = graph.params.M;
  return {
    kind: 'hnsw',
    version: 1,
    dim: graph.dim,
    params: { ...graph.params },
    rngState: graph.rng.state,
    ids: graph.ids.slice(0, n),
    vectors: graph.vectors.slice(0, n * graph.dim),
    deleted: graph.deleted.slice(0, n),
    levels: graph.levels.slice(0, n),
    links0: graph.links0.slice(0, n * (2 * M + 1)),
    upperStart: graph.upperStart.slice(0, n),
    upper: graph.upper.slice(0, graph.upperUsed),
    entry: graph.entry,
    maxLevel: graph.maxLevel,
  };
}

/** Copies a snapshot's arrays back into a graph; computes no similarity. */
export function restoreGraph(s: HnswIndexData): HnswGraph {
  if (s.kind !== 'hnsw') throw new TypeError(`Not an hnsw snapshot: ${s.kind}`);
  const n = s.ids.length;
  if (s.vectors.length !== n * s.dim || s.links0.length !== n * (2 * s.params.M + 1)) {
    throw new RangeError('Snapshot arrays do not match its ids');
  }
  const graph = new HnswGraph(s.dim, s.params);
  graph.rng.state = s.rngState >>> 0;
  graph.ids = s.ids.slice();
  graph.count = n;
  graph.vectors = s.vectors.slice();
  graph.deleted = s.deleted.slice();
  graph.levels = s.levels.slice();
  graph.links0 = s.links0.slice();
  graph.upperStart = s.upperStart.slice();
  graph.upper = s.upper.slice();
  graph.upperUsed = s.upper.length;
  graph.entry = s.entry;
  graph.maxLevel = s.maxLevel;
  for (let slot = 0; slot < n; slot += 1) {
    if (graph.deleted[slot] === 0) {
      graph.slotOf.set(s.ids[slot]!, slot);
      graph.liveCount += 1;
    }
  }
  return graph;
}
