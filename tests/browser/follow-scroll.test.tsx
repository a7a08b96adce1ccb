import { createSignal, For } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { followScroll } from '../../src/ui/components/follow-scroll';
import { mount, unmountAll } from './support/mount';

afterEach(() => unmountAll());

const nextFrames = (count = 2): Promise<void> =>
  new Promise((resolve) => {
    const step = (left: number): void => {
      if (left === 0) resolve();
      else requestAnimationFrame(() => step(left - 1));
    };
    step(count);
  });

/** A 100 px scroller whose lines `add()` appends; it follows its bottom. */
function mountScroller(): { add: (count: number) => void; scroller: () => HTMLElement } {
  const [lines, setLines] = createSignal<number[]>([]);
  let element: HTMLElement | undefined;
  function Scroller() {
    const [scroller, setScroller] = createSignal<HTMLElement>();
    followScroll(scroller, () => void lines().length);
    return (
      <div
        ref={(node) => {
          element = node;
          setScroller(node);
        }}
        style={{ height: '100px', overflow: 'auto' }}
      >
        <For each={lines()}>{(line) => <p style={{ height: '40px', margin: '0' }}>line {line}</p>}</For>
      </div>
    );
  }
  mount(() => <Scroller />);
  return {
    add: (count) => setLines((previous) => [...previous, ...Array.from({ length: count }, (_, index) => previous.length + index)]),
    scroller: () => element as HTMLElement,
  };
}

describe('followScroll', () => {
  it('keeps the scroller at its bottom as content grows, once per frame', async () => {
    const { add, scroller } = mountScroller();
    add(10);
    add(5);
    await nextFrames();
    const element = scroller();
    expect(element.scrollHeight).toBe(600);
    expect(element.scrollTop + element.clientHeight).toBe(element.scrollHeight);
    add(3);
    await nextFrames();
    expect(element.scrollTop + element.clientHeight).toBe(720);
  });

  it('leaves the position alone once the person has scrolled up', async () => {
    const { add, scroller } = mountScroller();
    add(10);
    await nextFrames();
    const element = scroller();
    element.scrollTop = 0;
    element.dispatchEvent(new Event('scroll'));
    add(5);
    await nextFrames();
    expect(element.scrollTop).toBe(0);
  });
});
