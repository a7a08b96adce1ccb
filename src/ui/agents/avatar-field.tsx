import { createSignal, createUniqueId, Show } from 'solid-js';
import type { AgentAvatar as Avatar } from '../../core/agent-definition';
import { AgentAvatar } from './agent-avatar';
import { TextField } from './form-fields';
import { t } from './messages';

/** Largest avatar image kept: it travels in every agent file and share link. */
export const MAX_AVATAR_BYTES = 64 * 1024;
const IMAGE_TYPES = 'image/png,image/jpeg,image/gif,image/webp';

/** Reads a file as a `data:` URL. */
function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** The avatar: an emoji typed in, or a small image chosen from a file (shown beside them). */
export function AvatarField(props: { avatar: Avatar; onChange: (avatar: Avatar) => void; disabled?: boolean }) {
  const fileId = createUniqueId();
  const [problem, setProblem] = createSignal('');
  const emoji = (): string => (props.avatar.kind === 'emoji' ? props.avatar.emoji : '');
  const choose = async (file: File | undefined): Promise<void> => {
    setProblem('');
    if (!file) return;
    if (!IMAGE_TYPES.split(',').includes(file.type)) return void setProblem(t('avatarNotImage'));
    if (file.size > MAX_AVATAR_BYTES) return void setProblem(t('avatarTooLarge', { max: MAX_AVATAR_BYTES / 1024 }));
    props.onChange({ kind: 'image', dataUrl: await readDataUrl(file) });
  };
  return (
    <div class="agent-avatar-field">
      <AgentAvatar avatar={props.avatar} />
      <TextField label={t('avatar')} hint={t('avatarHint')} value={emoji()} disabled={props.disabled} onInput={(value) => props.onChange({ kind: 'emoji', emoji: value })} />
      <div class="agent-field">
        <label for={fileId}>{t('avatarImage')}</label>
        <input
          id={fileId}
          type="file"
          accept={IMAGE_TYPES}
          disabled={props.disabled}
          onChange={(event) => {
            const input = event.currentTarget;
            void choose(input.files?.[0]).finally(() => (input.value = ''));
          }}
        />
      </div>
      <Show when={problem()}>
        <p role="alert" class="agent-avatar-problem">
          {problem()}
        </p>
      </Show>
    </div>
  );
}
