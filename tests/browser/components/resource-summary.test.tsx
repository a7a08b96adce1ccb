/**
 * ResourceSummary in Chromium: a resource reads the same in the composer's picker and on the
 * Tools page — name, offering server, URI and media type on their own line, description — and
 * what is not known is left out rather than shown empty.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import { ResourceSummary } from '../../../src/ui/components/resource-summary';
import { mount, unmountAll } from '../support/mount';

afterEach(() => unmountAll());

describe('ResourceSummary', () => {
  it('shows every part it is given, the URI and media type on one line', async () => {
    const container = mount(() => (
      <ResourceSummary name="readme.md" server="everything" uri="demo://doc/readme" mimeType="text/markdown" description="The project's readme." />
    ));
    await expect.element(page.getByText('readme.md', { exact: true })).toBeVisible();
    expect(container.textContent).toBe("readme.md — everythingdemo://doc/readme · text/markdownThe project's readme.");
    const line = container.querySelector('.resource-uri');
    expect(line?.textContent).toBe('demo://doc/readme · text/markdown');
    expect(getComputedStyle(line as Element).display).toBe('block');
  });

  it('leaves out what it is not given', async () => {
    const container = mount(() => <ResourceSummary name="Dynamic" />);
    await expect.element(page.getByText('Dynamic', { exact: true })).toBeVisible();
    expect(container.textContent).toBe('Dynamic');
    expect(container.querySelector('.resource-uri, p, code')).toBeNull();
  });
});
