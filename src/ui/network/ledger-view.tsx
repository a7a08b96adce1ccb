import { createMemo, createSignal, createUniqueId, For, Show } from 'solid-js';
import type { StoredLedgerEntry } from '../../net/ledger';
import { DataTable } from '../components/data-table';
import { locale } from '../i18n';
import { formatBytes, formatTime } from './format';
import { t } from './messages';

const ALL = '';

/** The status cell: the HTTP status, "Blocked", "Failed: …" or "Pending". */
function statusText(entry: StoredLedgerEntry): string {
  if (entry.outcome === 'blocked') return t('blocked');
  if (entry.error) return entry.status ? `${entry.status} · ${t('failed', { message: entry.error })}` : t('failed', { message: entry.error });
  return entry.status !== undefined ? String(entry.status) : t('pending');
}

/**
 * The ledger, newest first: time, origin, method, bytes, who asked and the outcome, filterable by
 * origin and requester. A blocked row says why in its status cell's title and in the row.
 */
export function LedgerView(props: { entries: readonly StoredLedgerEntry[]; onClear: () => void }) {
  const originId = createUniqueId();
  const requesterId = createUniqueId();
  const [origin, setOrigin] = createSignal(ALL);
  const [requester, setRequester] = createSignal(ALL);
  const origins = createMemo(() => [...new Set(props.entries.map((entry) => entry.origin))].sort());
  const requesters = createMemo(() => [...new Set(props.entries.map((entry) => entry.requester ?? ''))].filter((name) => name !== '').sort());
  const shown = createMemo(() =>
    props.entries.filter(
      (entry) => (origin() === ALL || entry.origin === origin()) && (requester() === ALL || entry.requester === requester()),
    ),
  );

  return (
    <>
      <div class="network-filters">
        <label for={originId}>{t('filterOrigin')}</label>
        <select id={originId} value={origin()} onChange={(event) => setOrigin(event.currentTarget.value)}>
          <option value={ALL}>{t('all')}</option>
          <For each={origins()}>{(value) => <option value={value}>{value}</option>}</For>
        </select>
        <label for={requesterId}>{t('filterRequester')}</label>
        <select id={requesterId} value={requester()} onChange={(event) => setRequester(event.currentTarget.value)}>
          <option value={ALL}>{t('all')}</option>
          <For each={requesters()}>{(value) => <option value={value}>{value}</option>}</For>
        </select>
        <button type="button" onClick={() => props.onClear()} disabled={props.entries.length === 0}>
          {t('clear')}
        </button>
      </div>
      <Show when={props.entries.length > 0} fallback={<p class="muted">{t('empty')}</p>}>
        <p class="muted" aria-live="polite">
          {t('shown', { shown: shown().length, total: props.entries.length })}
        </p>
        <Show when={shown().length > 0} fallback={<p class="muted">{t('noMatch')}</p>}>
          <DataTable
            wrapClass="network-table-wrap"
            tableClass="network-table"
            columns={[t('colTime'), t('colOrigin'), t('colMethod'), t('colBytes'), t('colRequester'), t('colStatus')]}
            rows={shown()}
          >
            {(entry) => (
              <tr data-outcome={entry.outcome}>
                <td>{formatTime(entry.time, locale())}</td>
                <td class="network-origin" title={entry.url}>
                  {entry.origin}
                  <span class="network-url">{entry.url}</span>
                </td>
                <td>{entry.method}</td>
                <td>
                  {formatBytes(entry.bytesSent)} / {formatBytes(entry.bytesReceived)}
                </td>
                <td>{entry.requester ?? t('unknownRequester')}</td>
                <td title={entry.reason ?? entry.error ?? ''}>
                  {statusText(entry)}
                  <Show when={entry.outcome === 'blocked' && entry.reason}>
                    <span class="network-reason">{entry.reason}</span>
                  </Show>
                </td>
              </tr>
            )}
          </DataTable>
        </Show>
      </Show>
    </>
  );
}
