/**
 * RemovableChip in Chromium: the remove button carries exactly the name it is given (tests and
 * e2e find "Remove <name>" by it), calls its handler, shows × unless told otherwise, and is
 * absent when there is nothing to remove with (a sent message, a key managed in Settings).
 */
import { createSignal } from 'solid-js';
import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { RemovableChip } from '../../../src/ui/components/removable-chip';
import { mount, unmountAll } from '../support/mount';

afterEach(() => unmountAll());

describe('RemovableChip', () => {
  it('names its button exactly, calls onRemove, and shows × by default', async () => {
    const removed: string[] = [];
    mount(() => (
      <ul>
        <RemovableChip class="chip" title="file:///notes.md" buttonClass="link-button" removeLabel="Remove notes.md" onRemove={() => removed.push('notes.md')}>
          notes.md
        </RemovableChip>
      </ul>
    ));
    const button = page.getByRole('button', { name: 'Remove notes.md', exact: true });
    await expect.element(button).toHaveTextContent('×');
    await expect.element(button).toHaveClass('link-button');
    await expect.element(page.getByRole('listitem')).toHaveAttribute('title', 'file:///notes.md');
    await userEvent.click(button);
    expect(removed).toEqual(['notes.md']);
  });

  it('has no button without onRemove, and one with the given text when it gets one', async () => {
    const [onRemove, setOnRemove] = createSignal<(() => void) | undefined>();
    mount(() => (
      <ul>
        <RemovableChip removeLabel="Delete secret Token" buttonText="Delete" onRemove={onRemove()}>
          Token
        </RemovableChip>
      </ul>
    ));
    await expect.element(page.getByRole('listitem')).toHaveTextContent('Token');
    expect(page.getByRole('button').elements()).toHaveLength(0);
    setOnRemove(() => () => undefined);
    await expect.element(page.getByRole('button', { name: 'Delete secret Token', exact: true })).toHaveTextContent('Delete');
  });
});
