export { browserLocale, locale, LOCALES, setLocale, type Locale } from './locale';
export { defineMessages, type Message, type MessageTable, type Translate } from './messages';
