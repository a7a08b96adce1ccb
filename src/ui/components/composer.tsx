import { createEffect, createSignal, createUniqueId, on, Show } from 'solid-js';
import {
  acceptImageFiles,
  IMAGE_TYPES,
  MAX_IMAGE_BYTES,
  MAX_IMAGES_PER_MESSAGE,
  readImageFile,
  type ImageRefusal,
} from '../../app/chat/image-attachments';
import type { AttachedResourceRef } from '../../core/transcript';
import type { ImagePart } from '../../core/types';
import { composerMcpOf, type ComposerMcpLibrary } from '../chat/composer-mcp';
import { ResourceChips } from '../chat/resource-chips';
import { ResourcePicker } from '../chat/resource-picker';
import { SlashCommandMenu, type SlashMenuKeys } from '../chat/slash-command-menu';
import { formatBytes } from '../network/format';
import { t as imageText } from './image-messages';
import { ImageThumbnails } from './image-thumbnails';
import { t } from './messages';

export interface ComposerProps {
  running: boolean;
  /** Whether a model is configured; when not, a hint offers to open Settings. */
  configured: boolean;
  /** Sends the message; `images` and `resources` are those attached (empty when none). */
  onSend: (text: string, images: ImagePart[], resources: AttachedResourceRef[]) => void;
  onStop: () => void;
  onOpenSettings: () => void;
  /**
   * Asked before a message with images is sent: whether the engine reads images. When it says no,
   * nothing is sent and the text and images stay in the composer. Absent: images are sent.
   */
  acceptsImages?: () => Promise<boolean> | boolean;
  /** Receives the message box, so the app can return focus to it (e.g. after a dialog closes). */
  inputRef?: (element: HTMLTextAreaElement) => void;
  /** Text put into the box from outside (a demo's first message); each new object replaces what is there. */
  draft?: { text: string } | undefined;
  /** Connected MCP servers: their prompts as `/` commands, their resources to attach (absent, or without `content`: neither). */
  mcp?: Partial<ComposerMcpLibrary> | undefined;
}

/** A refusal in the person's words. */
function refusalText(refusal: ImageRefusal): string {
  switch (refusal.reason) {
    case 'type':
      return imageText('refusedType', { name: refusal.name, type: refusal.type || imageText('unknownType') });
    case 'size':
      return imageText('refusedSize', { name: refusal.name, size: formatBytes(refusal.bytes), limit: formatBytes(MAX_IMAGE_BYTES) });
    case 'count':
      return imageText('refusedCount', { name: refusal.name, limit: MAX_IMAGES_PER_MESSAGE });
  }
}

/** The image files among a paste's or a drop's items. */
function filesOf(transfer: DataTransfer | null): File[] {
  if (!transfer) return [];
  return [...transfer.items].flatMap((item) => {
    const file = item.kind === 'file' ? item.getAsFile() : null;
    return file ? [file] : [];
  });
}

/**
 * The message box: Enter sends, Shift+Enter adds a line, Stop is enabled only while running.
 * Images come in through the "Attach image" file input, a paste or a drop; each shows as a
 * thumbnail with a "Remove <name>" button. Files of another type, over the size limit or past the
 * count limit are refused with a message saying why.
 */
export function Composer(props: ComposerProps) {
  const [text, setText] = createSignal('');
  const [images, setImages] = createSignal<ImagePart[]>([]);
  const [notice, setNotice] = createSignal<string>();
  const [checking, setChecking] = createSignal(false);
  const inputId = createUniqueId();
  const hintId = createUniqueId();
  const fileId = createUniqueId();
  const mcp = composerMcpOf(props.mcp);
  let slashKeys: SlashMenuKeys | undefined;
  let input: HTMLTextAreaElement | undefined;
  const canSend = (): boolean =>
    !props.running && !checking() && (text().trim() !== '' || images().length > 0 || (mcp?.attached().length ?? 0) > 0);
  // A `/` starting the message lists the servers' prompts afresh (they may have changed since).
  createEffect(
    on(
      () => /^\/\S*$/.test(text()),
      (slash) => {
        if (slash) mcp?.loadCommands();
      },
    ),
  );
  createEffect(
    on(
      () => props.draft,
      (draft) => {
        if (draft) setText(draft.text);
      },
    ),
  );

  /** Attaches what may be attached, says why the rest was not. */
  const attach = async (files: readonly File[]): Promise<void> => {
    if (files.length === 0) return;
    const { accepted, refused } = acceptImageFiles(files, images().length);
    const problems = refused.map(refusalText);
    const read = await Promise.all(
      accepted.map((file) =>
        readImageFile(file).catch(() => {
          problems.push(imageText('readFailed', { name: file.name }));
          return undefined;
        }),
      ),
    );
    const added = read.filter((image): image is ImagePart => image !== undefined);
    // Files read while another batch was read still respect the count limit.
    setImages((current) => [...current, ...added].slice(0, MAX_IMAGES_PER_MESSAGE));
    setNotice(problems.length > 0 ? problems.join(' ') : undefined);
  };

  const send = async (): Promise<void> => {
    if (!canSend()) return;
    const attached = images();
    if (attached.length > 0 && props.acceptsImages) {
      setChecking(true);
      try {
        if (!(await props.acceptsImages())) {
          setNotice(imageText('noVision'));
          return;
        }
      } finally {
        setChecking(false);
      }
    }
    props.onSend(text(), attached, mcp?.takeAttached() ?? []);
    setText('');
    setImages([]);
    setNotice(undefined);
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
      onDragOver={(event) => {
        // Accepting the drag is what makes the drop event fire.
        if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        const files = filesOf(event.dataTransfer);
        if (files.length === 0) return;
        event.preventDefault();
        void attach(files);
      }}
    >
      <Show when={!props.configured}>
        <p class="composer-hint" id={hintId}>
          {t('notConfigured')}{' '}
          <button type="button" class="link-button" onClick={() => props.onOpenSettings()}>
            {t('connectModel')}
          </button>
        </p>
      </Show>
      <Show when={notice()}>
        {(message) => (
          <p class="composer-notice" role="alert">
            {message()}
          </p>
        )}
      </Show>
      <ImageThumbnails
        images={images()}
        label={imageText('attachedImages')}
        onRemove={(index) => {
          setImages((current) => current.filter((_, position) => position !== index));
          setNotice(undefined);
        }}
      />
      <Show when={mcp}>
        {(state) => (
          <>
            <SlashCommandMenu
              draft={text()}
              commands={state().commands()}
              fill={(command, args) => state().content.usePrompt(command, args)}
              onInsert={(filled) => {
                setText(filled);
                input?.focus();
              }}
              onCancel={() => input?.focus()}
              keys={(keys) => (slashKeys = keys)}
            />
            <ResourceChips resources={state().attached()} onRemove={(resource) => void state().detach(resource)} />
          </>
        )}
      </Show>
      <label for={inputId} class="visually-hidden">
        {t('message')}
      </label>
      <div class="composer-row">
        <textarea
          id={inputId}
          ref={(element) => {
            input = element;
            props.inputRef?.(element);
          }}
          rows={2}
          placeholder={t('placeholder')}
          aria-describedby={props.configured ? undefined : hintId}
          aria-controls={slashKeys?.listId()}
          aria-activedescendant={slashKeys?.activeId()}
          value={text()}
          onInput={(event) => setText(event.currentTarget.value)}
          onPaste={(event) => {
            const files = filesOf(event.clipboardData).filter((file) => file.type.startsWith('image/'));
            if (files.length === 0) return;
            // A copied picture often comes with its name or HTML as text: the picture is what was meant.
            if (!event.clipboardData?.types.includes('text/plain')) event.preventDefault();
            void attach(files);
          }}
          onKeyDown={(event) => {
            // While the prompts' list shows, the arrows, Enter and Escape choose in it.
            if (slashKeys?.keyDown(event)) return;
            if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
            event.preventDefault();
            void send();
          }}
        />
        <div class="composer-buttons">
          {/* Before its label, so the label can show the input's keyboard focus (images.css). */}
          <input
            id={fileId}
            class="visually-hidden"
            type="file"
            aria-label={imageText('attachImage')}
            accept={IMAGE_TYPES.join(',')}
            multiple
            onChange={(event) => {
              const input = event.currentTarget;
              const files = [...(input.files ?? [])];
              // Cleared so that choosing the same file again (after removing it) fires `change`.
              input.value = '';
              void attach(files);
            }}
          />
          <label class="attach-image" for={fileId} title={imageText('attachImage')}>
            <span aria-hidden="true">🖼</span>
            <span class="visually-hidden">{imageText('attachImage')}</span>
          </label>
          <Show when={mcp && mcp.connected().length > 0 ? mcp : undefined}>
            {(state) => (
              <ResourcePicker
                servers={state().connected()}
                content={state().content}
                onAttach={(serverId, uri, name) => state().attach(serverId, uri, name)}
              />
            )}
          </Show>
          <button type="submit" class="primary" disabled={!canSend()}>
            {t('send')}
          </button>
          <button type="button" disabled={!props.running} onClick={() => props.onStop()}>
            {t('stop')}
          </button>
        </div>
      </div>
    </form>
  );
}
