import type { AgentAvatar as Avatar } from '../../core/agent-definition';

/**
 * An agent's avatar: its emoji, or its small image. Decorative (the agent's name is always beside
 * it), so screen readers skip it. Only `data:image/…` URLs are shown: an avatar from an imported
 * file must not make the page fetch anything.
 */
export function AgentAvatar(props: { avatar: Avatar; size?: 'small' | 'large' }) {
  const sizeClass = (): string => `agent-avatar agent-avatar-${props.size ?? 'small'}`;
  const avatar = (): Avatar => props.avatar;
  return (
    <>
      {(() => {
        const value = avatar();
        if (value.kind === 'image' && value.dataUrl.startsWith('data:image/')) {
          return <img class={sizeClass()} src={value.dataUrl} alt="" aria-hidden="true" data-avatar="image" />;
        }
        return (
          <span class={sizeClass()} aria-hidden="true" data-avatar="emoji">
            {value.kind === 'emoji' ? value.emoji : '🤖'}
          </span>
        );
      })()}
    </>
  );
}
