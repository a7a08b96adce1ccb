import type { JSX } from 'solid-js';
import { render } from 'solid-js/web';

const mounted: Array<() => void> = [];

/** Renders a Solid component into a fresh container attached to the document. */
export function mount(component: () => JSX.Element): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  const dispose = render(component, container);
  mounted.push(() => {
    dispose();
    container.remove();
  });
  return container;
}

/** Disposes everything `mount` rendered (call in afterEach). */
export function unmountAll(): void {
  for (const dispose of mounted.splice(0)) dispose();
  // The app leaves a first-screen copy of its settings (src/app/settings/first-screen.ts): each test starts without one.
  localStorage.clear();
}
