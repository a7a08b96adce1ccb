import { createEffect, onCleanup } from 'solid-js';

/** How close to the bottom (px) still counts as "following" the conversation. */
const FOLLOW_MARGIN = 48;

/**
 * Keeps a scroll container pinned to its bottom while `track` reports new content, unless the
 * person has scrolled up to read something (then it leaves the position alone).
 * Call inside a component; `track` should read whatever signals mean "content grew".
 */
export function followScroll(element: () => HTMLElement | undefined, track: () => void): void {
  let following = true;
  createEffect(() => {
    const scroller = element();
    if (!scroller) return;
    const onScroll = (): void => {
      following = scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - FOLLOW_MARGIN;
    };
    scroller.addEventListener('scroll', onScroll, { passive: true });
    onCleanup(() => scroller.removeEventListener('scroll', onScroll));
  });
  createEffect(() => {
    track();
    const scroller = element();
    if (scroller && following) scroller.scrollTop = scroller.scrollHeight;
  });
}
