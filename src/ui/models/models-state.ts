import { batch, createSignal, type Accessor } from 'solid-js';
import { withDownloadFacts } from '../../core/network-errors';
import { errorText, isStopped } from '../errors/error-text';
import { recommendationsFor } from '../../app/models/model-facts';
import type { CapabilityReport, ModelRecommendation } from '../../llm/capabilities';
import { choiceKey, type LocalModelChoice } from '../../app/models/local-choice';
import { loadView, type LoadView } from './load-estimate';
import { t } from './messages';
import type { LocalModelServices, StorageInfo } from '../../app/models/model-services';

/** A load in progress. */
export interface ActiveLoad {
  choice: LocalModelChoice;
  view: LoadView;
}

/** A load that failed, as it was asked for, and why. */
export interface FailedLoad {
  choice: LocalModelChoice;
  label: string;
  onReady?: (() => void) | undefined;
  /** What the load threw (with how much had arrived, for a download that broke off). */
  error: unknown;
}

/** The Models page's state; it lives with the app so a download goes on while the page is closed. */
export interface ModelsState {
  report: Accessor<CapabilityReport | undefined>;
  recommendations: Accessor<ModelRecommendation[]>;
  storage: Accessor<StorageInfo | undefined>;
  isCached: (choice: LocalModelChoice) => boolean | undefined;
  active: Accessor<ActiveLoad | undefined>;
  /** The last failure, written for the person in the interface language (reactive: a language switch rewrites it). */
  error: Accessor<string | undefined>;
  /** A short confirmation ("Qwen… is ready."), announced politely. */
  notice: Accessor<string | undefined>;
  /** Probes the device, the caches and storage (once; again when `force`). */
  refresh(force?: boolean): Promise<void>;
  /** The load that failed last (cleared by the next load), for a Retry button. */
  failed: Accessor<FailedLoad | undefined>;
  /**
   * Downloads and loads a model; resolves true when it is ready. `onReady` runs once it is
   * (also after a retry): the caller switches to the model only then, so a failed download
   * leaves the engine in use as it was.
   */
  load(choice: LocalModelChoice, label: string, onReady?: () => void): Promise<boolean>;
  /** Tries the failed load again. */
  retry(): Promise<boolean>;
  cancel(): void;
  remove(choice: LocalModelChoice, label: string): Promise<void>;
  persist(): Promise<void>;
}

/** Creates the Models page's state over the local-model services. */
export function createModelsState(services: LocalModelServices, now: () => number = () => performance.now()): ModelsState {
  const [report, setReport] = createSignal<CapabilityReport>();
  const [storage, setStorage] = createSignal<StorageInfo>();
  const [cached, setCached] = createSignal<ReadonlyMap<string, boolean>>(new Map());
  const [active, setActive] = createSignal<ActiveLoad>();
  // The failure itself, not its text: `error()` words it in the language shown at the time.
  const [failure, setFailure] = createSignal<{ error: unknown; fallback: 'internal' | 'storage' }>();
  const error = (): string | undefined => {
    const current = failure();
    return current === undefined ? undefined : errorText(current.error, current.fallback);
  };
  const [notice, setNotice] = createSignal<string>();
  const [failed, setFailed] = createSignal<FailedLoad>();
  let controller: AbortController | undefined;
  let probed: Promise<void> | undefined;

  const markCached = (choice: LocalModelChoice, value: boolean): void => {
    setCached((previous) => new Map(previous).set(choiceKey(choice), value));
  };

  const refreshStorage = async (): Promise<void> => {
    setStorage(await services.storage().catch(() => undefined));
  };

  const refreshCaches = async (): Promise<void> => {
    const entries = await Promise.all(
      services.catalog().map(async (model) => {
        const choice: LocalModelChoice = { engine: model.engine, modelId: model.id };
        return [choiceKey(choice), await services.isCached(choice).catch(() => false)] as const;
      }),
    );
    setCached(new Map(entries));
  };

  const recommendations = (): ModelRecommendation[] => {
    const current = report();
    return current ? recommendationsFor(current, services.catalog()) : [];
  };

  return {
    report,
    recommendations,
    storage,
    isCached: (choice) => cached().get(choiceKey(choice)),
    active,
    error,
    notice,
    refresh(force = false) {
      if (!probed || force) {
        probed = (async () => {
          const [probe] = await Promise.all([services.probe(), refreshCaches(), refreshStorage()]);
          setReport(probe);
        })();
      }
      return probed;
    },
    failed,
    retry() {
      const last = failed();
      return last ? this.load(last.choice, last.label, last.onReady) : Promise.resolve(false);
    },
    async load(choice, label, onReady) {
      if (active()) return false;
      const abort = new AbortController();
      controller = abort;
      const started = now();
      // The most bytes the progress reports said had arrived: a download that breaks off says so.
      let arrivedBytes = 0;
      batch(() => {
        setFailure(undefined);
        setFailed(undefined);
        setNotice(undefined);
        setActive({ choice, view: { percent: 0, text: t('starting') } });
      });
      try {
        await services.load(
          choice,
          (progress) => {
            arrivedBytes = Math.max(arrivedBytes, progress.loadedBytes ?? 0);
            if (controller === abort) setActive({ choice, view: loadView(progress, (now() - started) / 1000) });
          },
          abort.signal,
        );
        markCached(choice, true);
        setNotice(t('ready', { name: label }));
        onReady?.();
        return true;
      } catch (thrown) {
        if (isStopped(thrown)) setNotice(t('stoppedLoading', { name: label }));
        else {
          // A network failure says which host, that nothing (or how much) was downloaded, and what to do.
          const reported = withDownloadFacts(thrown, { name: label, downloadedBytes: arrivedBytes });
          batch(() => {
            setFailure({ error: reported, fallback: 'internal' });
            setFailed({ choice, label, onReady, error: reported });
          });
        }
        return false;
      } finally {
        if (controller === abort) controller = undefined;
        setActive(undefined);
        void refreshStorage();
      }
    },
    cancel() {
      controller?.abort();
    },
    async remove(choice, label) {
      setFailure(undefined);
      try {
        await services.deleteCached(choice);
        markCached(choice, false);
        setNotice(t('deleted', { name: label }));
      } catch (thrown) {
        setFailure({ error: thrown, fallback: 'storage' });
      }
      await refreshStorage();
    },
    async persist() {
      const granted = await services.persist().catch(() => false);
      setNotice(granted ? t('persistGranted') : t('persistDeclined'));
      await refreshStorage();
    },
  };
}
