import { createUniqueId, For } from 'solid-js';
import { settingsChoices } from '../../app/settings/settings-service';
import type { InterfaceLanguage } from '../../store/settings';
import { browserLocale, LOCALES } from '../i18n';
import { t } from './messages';

export interface LanguageFieldProps {
  /** The pinned language, or undefined to follow the browser. */
  value: InterfaceLanguage | undefined;
  onChange: (language: InterfaceLanguage | undefined) => void;
}

/** Each language's own name ("English", "中文"), so a person can find theirs whatever is shown now. */
function nativeName(language: InterfaceLanguage): string {
  return LOCALES.find((entry) => entry.id === language)?.label ?? language;
}

/** The interface language: follow the browser (the default), or English or Chinese whatever the browser says. */
export function LanguageField(props: LanguageFieldProps) {
  const id = createUniqueId();
  const hintId = createUniqueId();
  return (
    <div class="field">
      <label for={id}>{t('language')}</label>
      <select
        id={id}
        value={props.value ?? ''}
        aria-describedby={hintId}
        onChange={(event) => props.onChange(settingsChoices.languages.find((language) => language === event.currentTarget.value))}
      >
        <option value="" selected={props.value === undefined}>
          {t('followBrowser', { name: nativeName(browserLocale()) })}
        </option>
        <For each={settingsChoices.languages}>
          {(language) => (
            <option value={language} selected={props.value === language} lang={language === 'zh' ? 'zh-CN' : 'en'}>
              {nativeName(language)}
            </option>
          )}
        </For>
      </select>
      <small id={hintId} class="muted">
        {t('languageHint')}
      </small>
    </div>
  );
}
