import { createSignal, type Accessor } from 'solid-js';
import { errorText, isStopped } from '../errors/error-text';
import { createKnowledgeService } from '../../app/knowledge/knowledge-service';
import type { Embedder } from '../../embed/types';
import type { DocumentInput, IngestProgress } from '../../knowledge';
import type { KnowledgeBaseRecord, KnowledgeDocumentRecord, TabagentDb } from '../../store';

/** A knowledge base with its documents, as the page lists it. */
export interface BaseView {
  base: KnowledgeBaseRecord;
  documents: KnowledgeDocumentRecord[];
}

/** The outcome of adding one document. */
export type KnowledgeNotice =
  | { kind: 'added'; name: string; passages: number }
  | { kind: 'unchanged'; name: string }
  | { kind: 'failed'; name: string; message: string };

/** What the progress bar shows: the document being added (or the backfill of earlier passages). */
export interface KnowledgeProgress {
  name: string;
  phase: IngestProgress['phase'] | 'backfill';
  done: number;
  total: number;
}

export interface KnowledgeState {
  bases: Accessor<BaseView[]>;
  /** The latest failure outside adding documents (create, rename, delete, load). */
  error: Accessor<string | undefined>;
  /** One line per document of the latest batch. */
  notices: Accessor<KnowledgeNotice[]>;
  progress: Accessor<KnowledgeProgress | undefined>;
  init(): Promise<void>;
  create(name: string): Promise<boolean>;
  rename(id: string, name: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  /** Adds files one after another (a batch waits for the one before). */
  addFiles(baseId: string, files: readonly File[]): Promise<void>;
  addText(baseId: string, title: string, text: string): Promise<void>;
  removeDocument(documentId: string): Promise<void>;
  /** Embeds the passages added before the embedding model was loaded. */
  embedMissing(): Promise<void>;
  /** Stops the document being added (nothing of it is stored). */
  stop(): void;
}

export interface KnowledgeStateOptions {
  openDatabase: () => Promise<TabagentDb>;
  /** The loaded embedder, when there is one. */
  embedder: () => Embedder | undefined;
}

/** The Knowledge page's state over the knowledge stores. */
export function createKnowledgeState(options: KnowledgeStateOptions): KnowledgeState {
  const [bases, setBases] = createSignal<BaseView[]>([]);
  const [error, setError] = createSignal<string>();
  const [notices, setNotices] = createSignal<KnowledgeNotice[]>([]);
  const [progress, setProgress] = createSignal<KnowledgeProgress>();
  let queue: Promise<void> = Promise.resolve();
  let controller: AbortController | undefined;
  const service = createKnowledgeService(options.openDatabase, options.embedder);

  const refresh = async (): Promise<void> => {
    setBases(await service.list());
  };

  const guard = async (work: () => Promise<void>): Promise<boolean> => {
    try {
      setError(undefined);
      await work();
      return true;
    } catch (failure) {
      setError(errorText(failure, 'storage'));
      return false;
    }
  };

  /** Runs batches one at a time, each with its own Stop. */
  const enqueue = (work: (signal: AbortSignal) => Promise<void>): Promise<void> => {
    const next = queue.then(async () => {
      controller = new AbortController();
      try {
        await work(controller.signal);
      } finally {
        controller = undefined;
        setProgress(undefined);
        await guard(refresh);
      }
    });
    queue = next.catch(() => undefined);
    return next;
  };

  const ingestAll = (baseId: string, inputs: ReadonlyArray<{ name: string; read: () => Promise<DocumentInput> }>): Promise<void> =>
    enqueue(async (signal) => {
      setNotices([]);
      for (const { name, read } of inputs) {
        try {
          setProgress({ name, phase: 'reading', done: 0, total: 0 });
          const input = await read();
          const result = await service.ingest(baseId, input, {
            signal,
            onProgress: (step) => setProgress({ name, ...step }),
          });
          const notice: KnowledgeNotice =
            result.status === 'added'
              ? { kind: 'added', name, passages: result.document.chunkCount }
              : { kind: 'unchanged', name };
          setNotices((list) => [...list, notice]);
        } catch (failure) {
          setNotices((list) => [...list, { kind: 'failed', name, message: errorText(failure) }]);
          if (isStopped(failure)) return;
        }
      }
    });

  return {
    bases,
    error,
    notices,
    progress,
    async init() {
      await guard(refresh);
    },
    create: (name) =>
      guard(async () => {
        await service.create(name);
        await refresh();
      }),
    rename: (id, name) =>
      guard(async () => {
        await service.rename(id, name);
        await refresh();
      }),
    async remove(id) {
      await guard(async () => {
        await service.remove(id);
        await refresh();
      });
    },
    addFiles: (baseId, files) =>
      ingestAll(
        baseId,
        files.map((file) => ({
          name: file.name,
          read: async () => ({ name: file.name, mimeType: file.type, bytes: await file.arrayBuffer() }),
        })),
      ),
    addText: (baseId, title, text) => {
      const name = title.trim() || 'Pasted text';
      const bytes = new TextEncoder().encode(text).buffer as ArrayBuffer;
      return ingestAll(baseId, [
        { name, read: async () => ({ name, ...(title.trim() ? { title: title.trim() } : {}), mimeType: 'text/markdown', bytes }) },
      ]);
    },
    async removeDocument(documentId) {
      await guard(async () => {
        await service.removeDocument(documentId);
        await refresh();
      });
    },
    embedMissing: () =>
      enqueue(async (signal) => {
        if (!options.embedder()) return;
        for (const { base } of bases()) {
          try {
            await service.embedMissing(base.id, {
              signal,
              onProgress: (step) => setProgress({ name: base.name, phase: 'backfill', done: step.done, total: step.total }),
            });
          } catch (failure) {
            if (!isStopped(failure)) setError(errorText(failure));
            return;
          }
        }
      }),
    stop() {
      controller?.abort();
    },
  };
}
