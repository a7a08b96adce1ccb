import { DEFAULT_TOOLS_PER_TURN, TOOLS_PER_TURN_LIMITS } from '../../app/agents/agent-pins';
import type { AgentApprovalPolicy, AgentMemoryMode, AgentToolFormat } from '../../core/agent-definition';
import type { AgentChoices } from './agent-choices';
import type { AgentDraft } from './agent-draft';
import { AGENT_LIMITS } from './agent-draft';
import { KnowledgePicker, ToolPicker } from './agent-pickers';
import { AvatarField } from './avatar-field';
import { createBufferedText } from './buffered-text';
import { EngineField } from './engine-field';
import { SelectField, TextAreaField, TextField } from './form-fields';
import { t } from './messages';

type Thinking = 'default' | 'on' | 'off';

/** Starter prompts as the text area shows them: one per line. */
const promptsText = (prompts: readonly string[]): string => prompts.join('\n');
const promptsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * Every field of an agent, bound to the shared draft: what is typed changes the draft at once
 * (the preview runs it), and a change from elsewhere (the agent builder) shows here at once.
 */
export function AgentForm(props: { draft: AgentDraft; choices: AgentChoices; readOnly: boolean }) {
  const draft = (): AgentDraft => props.draft;
  const value = () => props.draft.value;
  const [prompts, setPrompts] = createBufferedText(
    () => promptsText(value().starterPrompts),
    (text) => draft().set('starterPrompts', promptsOf(text)),
  );
  // Numbers keep what was typed; one that does not parse reaches the draft as NaN and is reported on save.
  const [stepLimit, setStepLimit] = createBufferedText(
    () => (Number.isNaN(value().stepLimit) ? '' : String(value().stepLimit)),
    (text) => draft().set('stepLimit', text.trim() === '' ? Number.NaN : Number(text)),
  );
  const [temperature, setTemperature] = createBufferedText(
    () => (value().temperature === undefined || Number.isNaN(value().temperature) ? '' : String(value().temperature)),
    (text) => draft().set('temperature', text.trim() === '' ? undefined : Number(text)),
  );
  // Empty means the default (the field is optional in the record).
  const [toolsPerTurn, setToolsPerTurn] = createBufferedText(
    () => (value().toolsPerTurn === undefined || Number.isNaN(value().toolsPerTurn) ? '' : String(value().toolsPerTurn)),
    (text) => draft().set('toolsPerTurn', text.trim() === '' ? undefined : Number(text)),
  );
  const thinking = (): Thinking => (value().thinking === undefined ? 'default' : value().thinking ? 'on' : 'off');

  return (
    <div class="agent-form-fields">
      <TextField label={t('name')} value={value().name} required disabled={props.readOnly} onInput={(name) => draft().set('name', name)} />
      <AvatarField avatar={value().avatar} disabled={props.readOnly} onChange={(avatar) => draft().set('avatar', avatar)} />
      <TextField label={t('description')} value={value().description} disabled={props.readOnly} onInput={(description) => draft().set('description', description)} />
      <TextAreaField
        label={t('instructions')}
        hint={t('instructionsHint')}
        rows={8}
        value={value().instructions}
        disabled={props.readOnly}
        onInput={(instructions) => draft().set('instructions', instructions)}
      />
      <TextAreaField label={t('starterPrompts')} hint={t('starterPromptsHint')} rows={4} value={prompts()} disabled={props.readOnly} onInput={setPrompts} />
      <ToolPicker
        options={props.choices.tools()}
        selected={value().tools}
        pinned={value().pinnedTools}
        disabled={props.readOnly}
        onChange={(tools, pinned) => {
          draft().set('tools', tools);
          draft().set('pinnedTools', pinned);
        }}
        onPin={(pinned) => draft().set('pinnedTools', pinned)}
      />
      <TextField
        label={t('toolsPerTurn')}
        hint={t('toolsPerTurnHint', { count: DEFAULT_TOOLS_PER_TURN })}
        type="number"
        min={TOOLS_PER_TURN_LIMITS.min}
        max={TOOLS_PER_TURN_LIMITS.max}
        step="1"
        value={toolsPerTurn()}
        disabled={props.readOnly}
        onInput={setToolsPerTurn}
      />
      <KnowledgePicker
        bases={props.choices.knowledgeBases()}
        selected={value().knowledgeBaseIds}
        disabled={props.readOnly}
        onChange={(ids) => draft().set('knowledgeBaseIds', ids)}
      />
      <EngineField engine={value().engine} localModels={props.choices.localModels()} disabled={props.readOnly} onChange={(engine) => draft().set('engine', engine)} />
      <SelectField<AgentToolFormat>
        label={t('toolFormat')}
        value={value().toolFormat}
        disabled={props.readOnly}
        options={[
          { value: 'auto', label: t('toolFormatAuto') },
          { value: 'native', label: t('toolFormatNative') },
          { value: 'hermes', label: t('toolFormatHermes') },
          { value: 'react', label: t('toolFormatReact') },
          { value: 'modelscope', label: t('toolFormatModelscope') },
        ]}
        onChange={(format) => draft().set('toolFormat', format)}
      />
      <SelectField<AgentMemoryMode>
        label={t('memory')}
        value={value().memory}
        disabled={props.readOnly}
        options={[
          { value: 'off', label: t('memoryOff') },
          { value: 'own', label: t('memoryOwn') },
          { value: 'shared', label: t('memoryShared') },
        ]}
        onChange={(memory) => draft().set('memory', memory)}
      />
      <TextField
        label={t('stepLimit')}
        type="number"
        min={AGENT_LIMITS.stepMin}
        max={AGENT_LIMITS.stepMax}
        step="1"
        value={stepLimit()}
        disabled={props.readOnly}
        onInput={setStepLimit}
      />
      <SelectField<AgentApprovalPolicy>
        label={t('approval')}
        value={value().approval}
        disabled={props.readOnly}
        options={[
          { value: 'side-effects', label: t('approvalSideEffects') },
          { value: 'every-call', label: t('approvalEveryCall') },
        ]}
        onChange={(approval) => draft().set('approval', approval)}
      />
      <TextField
        label={t('temperature')}
        hint={t('temperatureHint')}
        type="number"
        min={AGENT_LIMITS.temperatureMin}
        max={AGENT_LIMITS.temperatureMax}
        step="0.1"
        value={temperature()}
        disabled={props.readOnly}
        onInput={setTemperature}
      />
      <SelectField<Thinking>
        label={t('thinking')}
        value={thinking()}
        disabled={props.readOnly}
        options={[
          { value: 'default', label: t('thinkingDefault') },
          { value: 'on', label: t('thinkingOn') },
          { value: 'off', label: t('thinkingOff') },
        ]}
        onChange={(choice) => draft().set('thinking', choice === 'default' ? undefined : choice === 'on')}
      />
    </div>
  );
}
