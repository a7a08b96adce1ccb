/** Turns what a person types into the base-URL field into the endpoints the engine calls. */
import { TabagentError } from '../../core/errors';

export interface ServerEndpoints {
  /** Normalised base URL: no surrounding whitespace, no trailing slash, no `/chat/completions`. */
  baseUrl: string;
  /** POST target for chat completions. */
  chatCompletionsUrl: string;
  /** GET target listing the server's models. */
  modelsUrl: string;
}

const CHAT_COMPLETIONS = /\/chat\/completions$/i;
const EXAMPLE = 'for example https://api.openai.com/v1 or http://localhost:11434/v1';

/**
 * Normalises a base URL: trims whitespace and trailing slashes and accepts a URL that already
 * ends in `/chat/completions` (people paste the endpoint from a curl example). A query string is
 * kept because some gateways need one (`?api-version=`). Throws TabagentError 'config' with a
 * message that says how to fix the URL.
 */
export function resolveEndpoints(raw: string): ServerEndpoints {
  const text = raw.trim();
  if (text === '') {
    throw new TabagentError('config', `Enter the server's base URL, ${EXAMPLE}.`);
  }
  const url = parseHttpUrl(text);
  const path = url.pathname.replace(/\/+$/, '').replace(CHAT_COMPLETIONS, '').replace(/\/+$/, '');
  const root = `${url.origin}${path}`;
  return {
    baseUrl: `${root}${url.search}`,
    chatCompletionsUrl: `${root}/chat/completions${url.search}`,
    modelsUrl: `${root}/models${url.search}`,
  };
}

/** A URL safe to show and log: origin and path only, so no query-string key or user:password leaks. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

function parseHttpUrl(text: string): URL {
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  // `localhost:11434/v1` parses as a URL with the scheme "localhost:", so check the scheme too.
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    const guess = /^[\w.-]+(:\d+)?(\/|$)/.test(text) && !/^\w+:\/\//.test(text) ? ` Did you mean http://${text}?` : '';
    throw new TabagentError(
      'config',
      `"${shown}" is not a valid server URL. Enter the full base URL starting with http:// or https://, ${EXAMPLE}.${guess}`,
      { data: { baseUrl: shown } },
    );
  }
  if (url.username !== '' || url.password !== '') {
    throw new TabagentError(
      'config',
      'Put the API key in the API key field, not in the base URL (user:password@ is not supported).',
    );
  }
  return url;
}
