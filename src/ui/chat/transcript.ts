/** The chat's transcript, as the views name it: defined in core, with the history helpers in src/app/chat. */
export type { AssistantItem, RetrievedTools, ToolCallItem, ToolCallStatus, Turn, TurnBudget, TurnItem, TurnSource, TurnStatus } from '../../app/chat/transcript';
export { historyOf, repairMessages } from '../../app/chat/transcript';
