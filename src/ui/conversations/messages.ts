import { defineMessages } from '../i18n';

/** The conversation list's words. */
export const t = defineMessages({
  en: {
    conversations: 'Conversations',
    newConversation: 'New conversation',
    conversationTitle: 'Conversation title',
    rename: 'Rename',
    renameNamed: ({ title }) => `Rename ${title}`,
    delete: 'Delete',
    deleteNamed: ({ title }) => `Delete ${title}`,
    deleteQuestionNamed: ({ title }) => `Delete ${title}?`,
    deleteQuestion: 'Delete this conversation?',
    confirmDelete: 'Confirm delete',
    cancel: 'Cancel',
  },
  zh: {
    conversations: '对话列表',
    newConversation: '新对话',
    conversationTitle: '对话标题',
    rename: '重命名',
    renameNamed: ({ title }) => `重命名 ${title}`,
    delete: '删除',
    deleteNamed: ({ title }) => `删除 ${title}`,
    deleteQuestionNamed: ({ title }) => `删除 ${title}？`,
    deleteQuestion: '删除这个对话吗？',
    confirmDelete: '确认删除',
    cancel: '取消',
  },
});
