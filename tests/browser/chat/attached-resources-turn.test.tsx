/**
 * Resources attached to a message, through the chat controller: the turn carries them to its run's
 * setup (where they are read as the turn's context), the transcript shows them with the message,
 * and a regenerated or edited turn keeps them; they are stored with the turn's opening record.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { page } from 'vitest/browser';
import type { AttachedResourceRef, Turn } from '../../../src/core/transcript';
import { restoreTurns, turnOpenerDraft } from '../../../src/store/turn-records';
import type { MessageRecord } from '../../../src/store/records';
import { createChatController } from '../../../src/ui/chat/chat-controller';
import { ChatView } from '../../../src/ui/components/chat-view';
import { idleEngine, noTools } from '../support/fake-services';
import { mount, unmountAll } from '../support/mount';
import { streamingRun } from '../support/scripted-run';

afterEach(unmountAll);

const readme: AttachedResourceRef = { serverId: 's1', serverName: 'everything', uri: 'demo://doc/readme', name: 'readme.md' };

describe('resources attached to a message', () => {
  it('reach the run with the turn, show in the transcript, and stay with a regenerated or edited turn', async () => {
    const prepared: Array<readonly AttachedResourceRef[] | undefined> = [];
    const { run } = streamingRun(() => ['Done.'], 1);
    const controller = createChatController({
      runAgent: run,
      prepareRun: (turn?: Turn) => {
        prepared.push(turn?.resources);
        return { engine: idleEngine, tools: noTools };
      },
    });
    mount(() => <ChatView controller={controller} />);
    await controller.send('Summarise it.', [], [readme]);
    expect(prepared).toEqual([[readme]]);
    const chips = page.getByRole('log', { name: 'Conversation' }).getByRole('list', { name: 'Attached resources', exact: true });
    await expect.element(chips).toHaveTextContent('readme.md (from everything)');
    // The transcript's chips are not removable: the message was sent.
    await expect.element(page.getByRole('button', { name: 'Remove readme.md' })).not.toBeInTheDocument();

    await controller.regenerate();
    const turnId = controller.turns[0]?.id ?? '';
    await controller.edit(turnId, 'Summarise it again.');
    expect(prepared).toEqual([[readme], [readme], [readme]]);
    // A message without attachments carries none.
    await controller.send('Thanks.');
    expect(prepared.at(-1)).toBeUndefined();
  });

  it('are stored with the turn and restored after a reload', () => {
    const turn: Turn = { id: 't1', userText: 'Summarise it.', resources: [readme], items: [], messages: [], status: 'done' };
    const draft = turnOpenerDraft(turn);
    expect(draft.resources).toEqual([readme]);
    const record = { ...draft, conversationId: 'c', seq: 0, createdAt: 0, updatedAt: 0 } as MessageRecord;
    expect(restoreTurns([record])[0]?.resources).toEqual([readme]);
  });
});
