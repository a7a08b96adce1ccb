import { TabagentError } from '../core/errors';

/** True for the DOMException browsers raise when the origin's storage quota is used up. */
export function isQuotaExceeded(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED';
}

/**
 * Turns an IndexedDB failure into a TabagentError('storage') the person can act on.
 * `action` names what failed ("save your settings"). The message never includes stored values,
 * so no API key can reach the UI or a log through it.
 */
export function toStorageError(error: unknown, action: string): TabagentError {
  if (TabagentError.is(error)) return error;
  if (isQuotaExceeded(error)) {
    return new TabagentError(
      'storage',
      `Browser storage is full, so Tabagent could not ${action}. Free some space (delete old conversations or this site's data in the browser settings) and try again.`,
      { data: { reason: 'quota' }, cause: error },
    );
  }
  const detail = error instanceof Error || error instanceof DOMException ? error.message : String(error);
  return new TabagentError('storage', `Tabagent could not ${action}: ${detail}`, { cause: error });
}
