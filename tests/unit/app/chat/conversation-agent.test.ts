import { describe, expect, it } from 'vitest';
import {
  agentOf,
  conversationRunScope,
  findConversationAgent,
  searchedKnowledgeBaseIds,
  withKnowledgeBaseOff,
  withKnowledgeBaseSearched,
} from '../../../../src/app/chat/conversation-agent';
import { fakeAgentsAchat, testAgent } from '../../../support/fake-agents-achat';

const writer = testAgent({ id: 'writer', name: 'Writer', knowledgeBaseIds: ['handbook', 'style'] });
const helper = testAgent({ id: 'helper', name: 'Tabagent' });

describe('the agent of a conversation', () => {
  it('is the named agent, the default one when the conversation names none, or "removed" when it was deleted', async () => {
    const agents = fakeAgentsAchat([helper, writer]);
    expect(agentOf(await findConversationAgent(agents, 'writer'))?.name).toBe('Writer');
    expect(agentOf(await findConversationAgent(agents, undefined))?.id).toBe('helper');
    expect(await findConversationAgent(agents, 'gone')).toEqual({ state: 'removed', agentId: 'gone' });
    expect(await findConversationAgent(undefined, 'writer')).toEqual({ state: 'none' });
  });

  it("searches the agent's knowledge bases except those switched off, plus the conversation's own, each once", () => {
    expect(searchedKnowledgeBaseIds({ knowledgeBaseIds: [] }, writer)).toEqual(['handbook', 'style']);
    expect(searchedKnowledgeBaseIds({ knowledgeBaseIds: [], knowledgeBasesOff: ['handbook'] }, writer)).toEqual(['style']);
    expect(searchedKnowledgeBaseIds({ knowledgeBaseIds: ['notes', 'style'] }, writer)).toEqual(['handbook', 'style', 'notes']);
    expect(searchedKnowledgeBaseIds({ knowledgeBaseIds: ['notes'] }, undefined)).toEqual(['notes']);
    expect(searchedKnowledgeBaseIds(undefined, undefined)).toEqual([]);
  });

  it('switches one base off and on again without touching the others', () => {
    expect(withKnowledgeBaseOff(undefined, 'a', true)).toEqual(['a']);
    expect(withKnowledgeBaseOff(['a'], 'b', true)).toEqual(['a', 'b']);
    expect(withKnowledgeBaseOff(['a', 'b'], 'a', true)).toEqual(['b', 'a']);
    expect(withKnowledgeBaseOff(['a', 'b'], 'a', false)).toEqual(['b']);
  });

  it("switches an agent's base through knowledgeBasesOff and any other through the conversation's own list", () => {
    const empty = { knowledgeBaseIds: [] };
    expect(withKnowledgeBaseSearched(empty, writer, 'handbook', false)).toEqual({ knowledgeBaseIds: [], knowledgeBasesOff: ['handbook'] });
    expect(withKnowledgeBaseSearched({ knowledgeBaseIds: [], knowledgeBasesOff: ['handbook'] }, writer, 'handbook', true)).toEqual({ knowledgeBaseIds: [], knowledgeBasesOff: [] });
    expect(withKnowledgeBaseSearched(empty, writer, 'notes', true)).toEqual({ knowledgeBaseIds: ['notes'], knowledgeBasesOff: [] });
    expect(withKnowledgeBaseSearched({ knowledgeBaseIds: ['notes'] }, writer, 'notes', false)).toEqual({ knowledgeBaseIds: [], knowledgeBasesOff: [] });
    // Without an agent (none, or deleted) every base is the conversation's own.
    expect(withKnowledgeBaseSearched(empty, undefined, 'handbook', true)).toEqual({ knowledgeBaseIds: ['handbook'], knowledgeBasesOff: [] });
  });

  it("a run's scope carries the agent and the bases it searches; without an agent it has no agent field", () => {
    const openDatabase = () => Promise.reject(new Error('not opened in this test'));
    const scope = conversationRunScope({ openDatabase, conversationId: 'c1', conversation: { knowledgeBaseIds: [], knowledgeBasesOff: ['style'] }, agent: writer });
    expect(scope.agent?.id).toBe('writer');
    expect(scope.knowledgeBaseIds).toEqual(['handbook']);
    expect(scope.conversationId).toBe('c1');
    expect('agent' in conversationRunScope({ openDatabase, conversationId: undefined, conversation: undefined, agent: undefined })).toBe(false);
  });
});
