import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { errorText } from '../errors/error-text';
import { createBackupService } from '../../app/backup';
import type { EndpointSetting, TrustChange } from '../../store/trust-changes';
import type { TabagentDb } from '../../store';
import type { BackupFile, BackupStore } from '../../store/backup';
import type { ConflictChoice, ImportPlan, ImportPreview, ImportReport } from '../../store/backup-import';
import { ErrorAlert } from '../components/error-alert';
import { downloadText } from '../components/download-file';
import { t } from './messages';

const STORE_LABELS: Record<BackupStore, Parameters<typeof t>[0]> = {
  conversations: 'storeConversations',
  messages: 'storeMessages',
  memories: 'storeMemories',
  knowledgeBases: 'storeKnowledgeBases',
  knowledgeDocuments: 'storeKnowledgeDocuments',
  knowledgeChunks: 'storeKnowledgeChunks',
  vectors: 'storeVectors',
  tools: 'storeTools',
  evalRuns: 'storeEvalRuns',
  evalExamples: 'storeEvalExamples',
  mcpServers: 'storeMcpServers',
  agents: 'storeAgents',
};

const ENDPOINT_LABELS: Record<EndpointSetting, Parameters<typeof t>[0]> = {
  'engine.baseUrl': 'trustEndpointEngine',
  'engine.customModelUrl': 'trustEndpointCustomModel',
  'modelApi.baseUrl': 'trustEndpointModelApi',
};

/** One security-relevant change, in the person's words. */
function describeChange(change: TrustChange): string {
  switch (change.kind) {
    case 'strict-network-off':
      return t('trustStrictOff');
    case 'endpoint':
      return t('trustEndpoint', { setting: t(ENDPOINT_LABELS[change.setting]), from: change.from, to: change.to });
    case 'tool-enabled':
      return t('trustTool', { name: change.name, origins: change.origins.join(', ') });
    case 'mcp-server-enabled':
      return t('trustMcp', { name: change.name, url: change.url });
    case 'agent-engine':
      return t('trustAgentEngine', { name: change.name, url: change.url });
  }
}

export interface BackupPanelProps {
  openDatabase: () => Promise<TabagentDb>;
  /** Saves the file (default: a browser download); tests read it instead. */
  save?: (text: string, name: string) => void;
}

/** Export all data to one file; import one back, shown first, with a choice for records that already exist. */
export function BackupPanel(props: BackupPanelProps) {
  const headingId = createUniqueId();
  const importId = createUniqueId();
  const [status, setStatus] = createSignal<string>();
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const [pending, setPending] = createSignal<{ file: BackupFile; preview: ImportPreview }>();
  const [choice, setChoice] = createSignal<ConflictChoice>('skip');
  const [replaceSettings, setReplaceSettings] = createSignal(false);
  const [imported, setImported] = createSignal(false);
  /** A planned import waiting for the person to confirm or refuse its security-relevant changes. */
  const [review, setReview] = createSignal<ImportPlan>();
  const backups = createBackupService(props.openDatabase);

  const run = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  const exportAll = (): Promise<void> =>
    run(async () => {
      setStatus(t('exporting'));
      const { text, name } = await backups.export();
      (props.save ?? downloadText)(text, name);
      setStatus(t('exported', { name }));
    });

  const choose = (chosen: File): Promise<void> =>
    run(async () => {
      setStatus(undefined);
      setPending(undefined);
      setImported(false);
      const file = backups.read(await chosen.text());
      setChoice('skip');
      setReplaceSettings(false);
      setPending({ file, preview: await backups.preview(file) });
    });

  const finish = (report: ImportReport): void => {
    const counts = Object.values(report.stores);
    setPending(undefined);
    setReview(undefined);
    setImported(true);
    const summary = t('imported', {
      added: counts.reduce((sum, entry) => sum + entry.added + entry.copied, 0),
      copied: counts.reduce((sum, entry) => sum + entry.copied, 0),
      skipped: counts.reduce((sum, entry) => sum + entry.skipped, 0),
    });
    const declined = report.trust.declined.length;
    setStatus(declined > 0 ? `${summary} ${t('trustDeclined', { count: declined })}` : summary);
  };

  /** Plans the import; security-relevant changes wait for the person's answer, the rest is written now. */
  const confirmImport = (): Promise<void> =>
    run(async () => {
      const current = pending();
      if (!current) return;
      const plan = await backups.plan(current.file, { onConflict: choice(), replaceSettings: replaceSettings() });
      if (plan.changes.length > 0) {
        setReview(plan);
        return;
      }
      setStatus(t('importing'));
      finish(await backups.apply(plan, []));
    });

  /** Writes the reviewed plan with all its listed changes, or with none of them. */
  const applyReviewed = (accept: boolean): Promise<void> =>
    run(async () => {
      const plan = review();
      if (!plan) return;
      setStatus(t('importing'));
      finish(await backups.apply(plan, accept ? plan.changes : []));
    });

  const totals = (preview: ImportPreview) => {
    const entries = Object.values(preview.stores);
    return { total: entries.reduce((sum, entry) => sum + entry.total, 0), existing: entries.reduce((sum, entry) => sum + entry.existing, 0) };
  };

  return (
    <section class="backup-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('backupTitle')}</h2>
      <p class="muted">{t('backupIntro')}</p>
      <div class="backup-actions">
        <button type="button" disabled={busy()} onClick={() => void exportAll()}>
          {t('exportBackup')}
        </button>
        <label for={importId} class="backup-import">
          {t('importBackup')}
        </label>
        <input
          id={importId}
          type="file"
          accept=".json,application/json"
          disabled={busy()}
          onChange={(event) => {
            const input = event.currentTarget;
            const chosen = input.files?.[0];
            input.value = '';
            if (chosen) void choose(chosen);
          }}
        />
      </div>
      <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <Show when={review()}>
        {(plan) => (
          <section class="backup-trust" role="group" aria-labelledby={`${headingId}-trust`}>
            <h3 id={`${headingId}-trust`}>{t('trustTitle')}</h3>
            <p>{t('trustIntro')}</p>
            <ul>
              <For each={plan().changes}>{(change) => <li>{describeChange(change)}</li>}</For>
            </ul>
            <div class="dialog-actions">
              <button type="button" disabled={busy()} onClick={() => setReview(undefined)}>
                {t('cancel')}
              </button>
              <button type="button" disabled={busy()} onClick={() => void applyReviewed(true)}>
                {t('trustApply')}
              </button>
              <button type="button" class="primary" disabled={busy()} onClick={() => void applyReviewed(false)}>
                {t('trustKeepMine')}
              </button>
            </div>
          </section>
        )}
      </Show>
      <Show when={!review() && pending()}>
        {(current) => (
          <form
            class="backup-preview"
            onSubmit={(event) => {
              event.preventDefault();
              void confirmImport();
            }}
          >
            <p>{t('importSummary', totals(current().preview))}</p>
            <ul>
              <For each={backups.stores.filter((store) => current().preview.stores[store].total > 0)}>
                {(store) => (
                  <li>
                    {t('storeCount', {
                      count: current().preview.stores[store].total,
                      name: t(STORE_LABELS[store]),
                      existing: current().preview.stores[store].existing,
                    })}
                  </li>
                )}
              </For>
            </ul>
            <fieldset>
              <legend>{t('conflictLegend')}</legend>
              <label>
                <input type="radio" name={`${importId}-conflict`} checked={choice() === 'skip'} onChange={() => setChoice('skip')} />
                {t('conflictSkip')}
              </label>
              <label>
                <input type="radio" name={`${importId}-conflict`} checked={choice() === 'copy'} onChange={() => setChoice('copy')} />
                {t('conflictCopy')}
              </label>
            </fieldset>
            <Show when={current().preview.settingsConflict}>
              <label>
                <input type="checkbox" checked={replaceSettings()} onChange={(event) => setReplaceSettings(event.currentTarget.checked)} />
                {t('replaceSettings')}
              </label>
            </Show>
            <div class="dialog-actions">
              <button type="button" onClick={() => setPending(undefined)}>
                {t('cancel')}
              </button>
              <button type="submit" class="primary" disabled={busy()}>
                {t('import')}
              </button>
            </div>
          </form>
        )}
      </Show>
      <Show when={status()}>
        <p role="status">
          {status()}
          <Show when={imported()}>
            {' '}
            {t('reloadHint')}{' '}
            <button type="button" class="link-button" onClick={() => location.reload()}>
              {t('reload')}
            </button>
          </Show>
        </p>
      </Show>
    </section>
  );
}
