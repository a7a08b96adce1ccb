import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { lazyPage, type PageComponent } from '../../src/ui/pages/lazy-page';
import type { PageContext } from '../../src/ui/pages/page-context';
import { mount, unmountAll } from './support/mount';

afterEach(() => unmountAll());

// The pages under test ignore their context; nothing in it is read.
const context = {} as PageContext;

describe('lazyPage', () => {
  it('shows "Loading…" until the page module arrives, then the page; it loads the module once', async () => {
    let release: (component: PageComponent) => void = () => undefined;
    let loads = 0;
    const render = lazyPage(() => {
      loads += 1;
      return new Promise<PageComponent>((resolve) => (release = resolve));
    });
    mount(() => render(context));
    await expect.element(page.getByText('Loading…')).toBeVisible();
    release(() => <h2>Loaded page</h2>);
    await expect.element(page.getByRole('heading', { name: 'Loaded page' })).toBeVisible();
    await expect.element(page.getByText('Loading…')).not.toBeInTheDocument();
    unmountAll();
    mount(() => render(context));
    await expect.element(page.getByRole('heading', { name: 'Loaded page' })).toBeVisible();
    expect(loads).toBe(1);
  });

  it('a module that fails to load is an alert offering a reload, not an empty page', async () => {
    const render = lazyPage(() => Promise.reject(new Error('Failed to fetch dynamically imported module')));
    mount(() => render(context));
    await expect.element(page.getByRole('alert')).toHaveTextContent('This page could not be loaded (Failed to fetch dynamically imported module).');
    await expect.element(page.getByRole('button', { name: 'Reload', exact: true })).toBeVisible();
  });
});
