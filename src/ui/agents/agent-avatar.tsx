import { Show } from 'solid-js';
import type { AgentAvatar as Avatar } from '../../core/agent-definition';

/**
 * Only inline images: an avatar from an imported file or share link that named an `https:` URL
 * would make the page fetch it (a beacon) without any click.
 */
const INLINE_IMAGE = /^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$/;

/** An agent's avatar, decorative (the agent's name is always written beside it). */
export function AgentAvatar(props: { avatar: Avatar }) {
  const imageUrl = (): string | undefined =>
    props.avatar.kind === 'image' && INLINE_IMAGE.test(props.avatar.dataUrl) ? props.avatar.dataUrl : undefined;
  const emoji = (): string => (props.avatar.kind === 'emoji' ? props.avatar.emoji : '🤖');
  return (
    <Show
      when={imageUrl()}
      fallback={
        <span class="agent-avatar" aria-hidden="true">
          {emoji()}
        </span>
      }
    >
      {(url) => <img class="agent-avatar" src={url()} alt="" />}
    </Show>
  );
}
