import { createEffect, onCleanup } from 'solid-js';

/** How close to the bottom (px) still counts as "following" the conversation. */
const FOLLOW_MARGIN = 48;

/**
 * Keeps a scroll container pinned to its bottom while `track` reports new content, unless the
 * person has scrolled up to read something (then it leaves the position alone).
 * Call inside a component; `track` should read whatever signals mean "content grew". The scroll
 * happens in the next animation frame, once per frame however many changes it brought.
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
  // The scroll waits for the next frame: reading scrollHeight forces a layout, which inside the
  // effect would run once more per change (and, at start-up, once before the first frame's own).
  let frame: number | undefined;
  createEffect(() => {
    track();
    const scroller = element();
    if (!scroller || !following || frame !== undefined) return;
    frame = requestAnimationFrame(() => {
      frame = undefined;
      if (following) scroller.scrollTop = scroller.scrollHeight;
    });
  });
  onCleanup(() => {
    if (frame !== undefined) cancelAnimationFrame(frame);
  });
}
