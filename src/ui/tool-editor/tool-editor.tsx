import { createSignal, createUniqueId, For, onMount, Show } from 'solid-js';
import { errorText } from '../errors/error-text';
import type { TabagentDb } from '../../store';
import { freeToolName, manifestExport, readManifestFile } from '../../app/custom-tools/manifest-files';
import type { ToolManifest } from '../../tools/manifest';
import { ErrorAlert } from '../components/error-alert';
import type { CustomToolServices } from '../../app/custom-tools/custom-tool-services';
import { draftFromManifest, emptyDraft, type ToolDraft, type ToolType } from '../../app/custom-tools/draft';
import { t } from './messages';
import { ToolForm } from './tool-form';
import './tool-editor.css';

export interface ToolEditorProps {
  services: CustomToolServices;
  openDatabase: () => Promise<TabagentDb>;
  /** Hands an exported file to the person (default: a browser download). */
  saveFile?: (fileName: string, text: string) => void;
}

/** Offers `text` as a download named `fileName`. */
export function downloadFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked after the click has started the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface Conflict {
  manifest: ToolManifest;
  /** 'custom': another custom tool has the name (it may be replaced); 'reserved': a built-in or imported one. */
  kind: 'custom' | 'reserved';
  suggestion: string;
}

/**
 * Custom tools on the Tools page: the saved ones (edit, export, delete), new HTTP or JavaScript
 * tools, and import of manifest files, which never overwrites a tool without asking.
 */
export function ToolEditor(props: ToolEditorProps) {
  const listId = createUniqueId();
  const [tools, setTools] = createSignal<ToolManifest[]>([]);
  const [editing, setEditing] = createSignal<{ draft: ToolDraft; name?: string; key: number }>();
  const [status, setStatus] = createSignal('');
  const [error, setError] = createSignal<string>();
  const [importProblems, setImportProblems] = createSignal<{ file: string; problems: string[] }>();
  const [conflict, setConflict] = createSignal<Conflict>();
  const [confirming, setConfirming] = createSignal<string>();
  let fileInput: HTMLInputElement | undefined;
  let opener: HTMLElement | undefined;
  let conflictFirstButton: HTMLButtonElement | undefined;
  let editorKey = 0;

  const refresh = async () => {
    setTools(await props.services.list());
  };
  const fail = (caught: unknown) => setError(errorText(caught));

  onMount(() => {
    props.services
      .start(props.openDatabase)
      .then(async (problems) => {
        if (problems.length > 0) setError(problems.map((item) => t('loadProblem', { name: item.name, message: item.message })).join(' '));
        await refresh();
      })
      .catch(fail);
  });

  const open = (draft: ToolDraft, name?: string) => {
    opener = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    setError(undefined);
    editorKey += 1;
    setEditing({ draft, key: editorKey, ...(name !== undefined ? { name } : {}) });
  };
  const closeEditor = () => {
    setEditing(undefined);
    // Focus goes back to the control that opened the editor, when it is still there.
    if (opener?.isConnected) opener.focus();
  };
  const newTool = (type: ToolType) => open(emptyDraft(type));

  const importManifest = async (manifest: ToolManifest, replace: boolean) => {
    setConflict(undefined);
    try {
      await props.services.save(manifest, replace ? { replace: true } : {});
      await refresh();
      setStatus(t('imported', { name: manifest.name }));
    } catch (caught) {
      fail(caught);
    }
  };

  const readFile = async (file: File) => {
    setError(undefined);
    setImportProblems(undefined);
    setStatus('');
    const parsed = readManifestFile(await file.text());
    if (!parsed.ok) {
      setImportProblems({ file: file.name, problems: parsed.problems });
      return;
    }
    const manifest = parsed.manifest;
    const custom = tools().some((tool) => tool.name === manifest.name);
    const reserved = props.services.reservedNames().includes(manifest.name);
    if (!custom && !reserved) {
      await importManifest(manifest, false);
      return;
    }
    const taken = new Set([...props.services.reservedNames(), ...tools().map((tool) => tool.name)]);
    setConflict({ manifest, kind: custom ? 'custom' : 'reserved', suggestion: freeToolName(manifest.name, taken) });
    conflictFirstButton?.focus();
  };

  const exportTool = (manifest: ToolManifest) => {
    const file = manifestExport(manifest);
    (props.saveFile ?? downloadFile)(file.name, file.text);
    setStatus(t('exported', { file: file.name }));
  };

  const remove = async (name: string) => {
    setConfirming(undefined);
    try {
      await props.services.remove(name);
      await refresh();
      setStatus(t('deleted', { name }));
    } catch (caught) {
      fail(caught);
    }
  };

  return (
    <div class="tool-editor">
      <p class="muted">{t('intro')}</p>
      <p role="status" class="tool-editor-status">
        {status()}
      </p>
      <Show when={error()}>{(message) => <ErrorAlert message={message()} />}</Show>
      <div class="tool-editor-actions">
        <button type="button" onClick={() => newTool('http')}>
          {t('newHttp')}
        </button>
        <button type="button" onClick={() => newTool('javascript')}>
          {t('newJavaScript')}
        </button>
        <button type="button" onClick={() => fileInput?.click()}>
          {t('import')}
        </button>
        <input
          ref={fileInput}
          class="visually-hidden"
          type="file"
          accept=".json,application/json"
          tabindex="-1"
          aria-label={t('importFile')}
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void readFile(file).catch(fail);
          }}
        />
      </div>

      <Show when={importProblems()}>
        {(found) => (
          <div role="alert" class="error-alert">
            <p>{t('importProblems', { file: found().file })}</p>
            <ul>
              <For each={found().problems}>{(problem) => <li>{problem}</li>}</For>
            </ul>
          </div>
        )}
      </Show>

      <Show when={conflict()}>
        {(current) => (
          <div class="tool-editor-conflict" role="group" aria-label={t('conflictHeading')}>
            <p>
              {current().kind === 'custom'
                ? t('conflictCustom', { name: current().manifest.name })
                : t('conflictReserved', { name: current().manifest.name })}
            </p>
            <div class="tool-editor-actions">
              <Show when={current().kind === 'custom'}>
                <button type="button" ref={conflictFirstButton} onClick={() => void importManifest(current().manifest, true)}>
                  {t('replace', { name: current().manifest.name })}
                </button>
              </Show>
              <button
                type="button"
                ref={(element) => {
                  if (current().kind === 'reserved') conflictFirstButton = element;
                }}
                onClick={() => void importManifest({ ...current().manifest, name: current().suggestion }, false)}
              >
                {t('rename', { name: current().suggestion })}
              </button>
              <button type="button" onClick={() => setConflict(undefined)}>
                {t('cancel')}
              </button>
            </div>
          </div>
        )}
      </Show>

      <ul class="tool-editor-list" id={listId}>
        <For each={tools()} fallback={<li class="muted">{t('none')}</li>}>
          {(tool) => (
            <li class="tool-editor-item">
              <div class="tool-editor-item-text">
                <strong class="tool-editor-name">{tool.name}</strong>{' '}
                <span class="muted">{tool.implementation?.type === 'javascript' ? t('kindJavaScript') : t('kindHttp')}</span>
                <p class="muted">{tool.description}</p>
              </div>
              <Show
                when={confirming() === tool.name}
                fallback={
                  <div class="tool-editor-actions">
                    <button type="button" aria-label={t('editTool', { name: tool.name })} onClick={() => open(draftFromManifest(tool), tool.name)}>
                      {t('edit')}
                    </button>
                    <button type="button" aria-label={t('exportTool', { name: tool.name })} onClick={() => exportTool(tool)}>
                      {t('export')}
                    </button>
                    <button type="button" aria-label={t('deleteTool', { name: tool.name })} onClick={() => setConfirming(tool.name)}>
                      {t('delete')}
                    </button>
                  </div>
                }
              >
                <div class="tool-editor-actions" role="group" aria-label={t('confirmDelete', { name: tool.name })}>
                  <span>{t('confirmDelete', { name: tool.name })}</span>
                  <button type="button" ref={(element) => queueMicrotask(() => element.focus())} onClick={() => void remove(tool.name)}>
                    {t('confirmDeleteYes')}
                  </button>
                  <button type="button" onClick={() => setConfirming(undefined)}>
                    {t('cancel')}
                  </button>
                </div>
              </Show>
            </li>
          )}
        </For>
      </ul>

      <Show when={editing()} keyed>
        {(current) => (
          <ToolForm
            services={props.services}
            initial={current.draft}
            {...(current.name !== undefined ? { editing: current.name } : {})}
            customNames={tools()
              .map((tool) => tool.name)
              .filter((name) => name !== current.name)}
            onSaved={(manifest) => {
              setStatus(t('saved', { name: manifest.name }));
              setEditing(undefined);
              void refresh()
                .then(() => opener?.isConnected && opener.focus())
                .catch(fail);
            }}
            onClose={closeEditor}
          />
        )}
      </Show>
    </div>
  );
}
