import { isAbortError, TabagentError, toTabagentError, type ErrorCode } from '../../core/errors';
import { describeIntegrityError, describeNetworkError, type NetworkErrorAction } from '../../core/network-errors';
import { locale } from '../i18n';
import { t, type ErrorMessageKey } from './messages';

/** What the UI needs of an error: its code, its English message and its parameters. */
export interface ErrorLike {
  code: string;
  message: string;
  data?: Readonly<Record<string, unknown>>;
}

/** Config errors say which setting is missing in `data.reason`. */
const CONFIG_REASONS: ReadonlySet<string> = new Set(['noServerModel', 'noLocalModel']);

function isErrorLike(value: unknown): value is ErrorLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** The table key for an error, when the table has one. */
function keyOf(error: ErrorLike): ErrorMessageKey | undefined {
  if (error.code === 'config') {
    const reason = error.data?.reason;
    return typeof reason === 'string' && CONFIG_REASONS.has(reason) ? (reason as ErrorMessageKey) : undefined;
  }
  return error.code in t.table.en && error.code !== 'serverSaid' ? (error.code as ErrorMessageKey) : undefined;
}

/** Strings and numbers from `data`, the only kinds a message shows. */
function paramsOf(data: Readonly<Record<string, unknown>> | undefined): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
  }
  return params;
}

/**
 * The text a person reads for an error, in the interface language. English is the errors' own
 * language: in English the error's message (the most specific) is shown. In another language the
 * error is translated by its code and `data`; a code without a translation falls back to the
 * English message. Reactive when called inside JSX (it reads the locale).
 *
 * @param error anything thrown or a stored `{ code, message }`; other values are wrapped.
 * @param fallback the code for a value that is not a Tabagent error (e.g. 'storage').
 */
export function errorText(error: unknown, fallback: ErrorCode = 'internal'): string {
  const known: ErrorLike = isErrorLike(error) ? error : toTabagentError(error, fallback);
  // A request that never got an answer says which host, what that means and what to do.
  const typed = { code: known.code as ErrorCode, data: known.data };
  const described = describeNetworkError(typed, locale()) ?? describeIntegrityError(typed, locale());
  if (described) return described.message;
  const key = keyOf(known);
  if (key === undefined || (locale() === 'en' && known.message !== '')) return known.message;
  const params = paramsOf(known.data);
  const said = typeof params.serverMessage === 'string' && params.serverMessage !== '' ? t('serverSaid', { said: params.serverMessage }) : '';
  return t(key, params) + said;
}

/**
 * What a person can do about an error, for the view to offer as buttons: a network failure or a
 * tampered download can be retried, a failed model download can also be replaced by a server.
 * Empty for errors that retrying would not fix.
 */
export function errorActions(error: unknown): NetworkErrorAction[] {
  if (!isErrorLike(error)) return [];
  const typed = { code: error.code as ErrorCode, data: error.data };
  return (describeNetworkError(typed) ?? describeIntegrityError(typed))?.actions ?? [];
}

/** True when the error is the person's own Stop (nothing to report). */
export function isStopped(error: unknown): boolean {
  return isAbortError(error);
}

/** An error a view raises itself (already in words for the person), typed so `errorText` shows it as it is. */
export function viewError(code: ErrorCode, message: string): Error {
  return new TabagentError(code, message);
}
