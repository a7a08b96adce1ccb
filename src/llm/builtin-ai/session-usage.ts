import type { LanguageModelPrompt, LanguageModelSession } from './prompt-api';

/** The first finite, non-negative number among the candidates (the API renamed its figures twice). */
function firstCount(...candidates: Array<number | undefined>): number | undefined {
  return candidates.find((value): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0);
}

/** Tokens the session holds now: `contextUsage`, else `inputUsage`, else `tokensSoFar`. */
export function sessionUsage(session: LanguageModelSession): number | undefined {
  return firstCount(session.contextUsage, session.inputUsage, session.tokensSoFar);
}

/** Tokens the session can hold: `contextWindow`, else `inputQuota`, else `maxTokens`. */
export function sessionWindow(session: LanguageModelSession): number | undefined {
  return firstCount(session.contextWindow, session.inputQuota, session.maxTokens);
}

/**
 * Tokens `input` would take in this session, or undefined where the browser cannot say
 * (`measureContextUsage`, older `measureInputUsage`; extensions only in some versions).
 */
export async function measureTokens(session: LanguageModelSession, input: LanguageModelPrompt): Promise<number | undefined> {
  try {
    if (session.measureContextUsage) return firstCount(await session.measureContextUsage(input));
    if (session.measureInputUsage) return firstCount(await session.measureInputUsage(input));
  } catch {
    // Counting is a report, never a reason to fail an answer that already streamed.
  }
  return undefined;
}
