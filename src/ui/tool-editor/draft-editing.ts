import type { EditorField, FieldProblem, ToolDraft } from '../../app/custom-tools/draft';

/** What the type-specific parts of the form read and change in the shared draft. */
export interface DraftEditing {
  draft: () => ToolDraft;
  /** Changes the draft; `field` is marked touched, so its problems show. */
  update: (field: EditorField, change: Partial<ToolDraft>) => void;
  /** The problems to show for one field now. */
  problemsFor: (field: EditorField) => FieldProblem[];
}
