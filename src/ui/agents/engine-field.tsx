import { Match, Show, Switch } from 'solid-js';
import type { AgentLocalModelChoice } from '../../app/agents/builder-tools';
import { builtinAiPresent } from '../../app/models/builtin-ai';
import type { AgentEngine } from '../../core/agent-definition';
import { SelectField, TextField } from './form-fields';
import { t } from './messages';

/** The engine choice: the default engine, a server and model (with a key's name, never a key), or a local model of the catalog. */
export function EngineField(props: {
  engine: AgentEngine;
  localModels: readonly AgentLocalModelChoice[];
  onChange: (engine: AgentEngine) => void;
  disabled?: boolean;
}) {
  const switchKind = (kind: AgentEngine['kind']): void => {
    if (kind === props.engine.kind) return;
    if (kind === 'default') props.onChange({ kind: 'default' });
    else if (kind === 'server') props.onChange({ kind: 'server', baseUrl: '', model: '' });
    else if (kind === 'builtin') props.onChange({ kind: 'builtin' });
    else {
      const first = props.localModels[0];
      props.onChange({ kind: 'local', runtime: first?.runtime ?? 'webllm', modelId: first?.modelId ?? '' });
    }
  };
  const server = (): Extract<AgentEngine, { kind: 'server' }> | undefined => (props.engine.kind === 'server' ? props.engine : undefined);
  const local = (): Extract<AgentEngine, { kind: 'local' }> | undefined => (props.engine.kind === 'local' ? props.engine : undefined);
  const localKey = (model: { runtime: string; modelId: string }): string => `${model.runtime}|${model.modelId}`;
  return (
    <div class="agent-engine">
      <SelectField
        label={t('engine')}
        value={props.engine.kind}
        disabled={props.disabled}
        options={[
          { value: 'default', label: t('engineDefault') },
          { value: 'server', label: t('engineServer') },
          { value: 'local', label: t('engineLocal') },
          // The browser's own model, only where the browser has one (or the agent already names it).
          ...(builtinAiPresent() || props.engine.kind === 'builtin' ? [{ value: 'builtin' as const, label: t('engineBuiltin') }] : []),
        ]}
        onChange={switchKind}
      />
      <Switch>
        <Match when={server()}>
          {(engine) => (
            <>
              <TextField
                label={t('baseUrl')}
                type="url"
                value={engine().baseUrl}
                disabled={props.disabled}
                onInput={(baseUrl) => props.onChange({ ...engine(), baseUrl })}
              />
              <TextField label={t('model')} value={engine().model} disabled={props.disabled} onInput={(model) => props.onChange({ ...engine(), model })} />
              <TextField
                label={t('keyName')}
                hint={t('keyNameHint')}
                value={engine().keyName ?? ''}
                disabled={props.disabled}
                onInput={(keyName) => {
                  const { keyName: _old, ...rest } = engine();
                  props.onChange(keyName.trim() ? { ...rest, keyName } : rest);
                }}
              />
            </>
          )}
        </Match>
        <Match when={local()}>
          {(engine) => (
            <Show when={props.localModels.length > 0} fallback={<p class="muted">{t('noLocalModels')}</p>}>
              <SelectField
                label={t('localModel')}
                value={localKey(engine())}
                disabled={props.disabled}
                options={props.localModels.map((model) => ({ value: localKey(model), label: `${model.label} (${model.runtime})` }))}
                onChange={(key) => {
                  const model = props.localModels.find((entry) => localKey(entry) === key);
                  if (model) props.onChange({ kind: 'local', runtime: model.runtime, modelId: model.modelId });
                }}
              />
            </Show>
          )}
        </Match>
      </Switch>
    </div>
  );
}
