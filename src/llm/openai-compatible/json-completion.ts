/** Reads a non-streamed answer (`stream: false`, or a server that ignores `stream: true`). */
import type { ChatChunk } from '../../core/types';
import { TabagentError } from '../../core/errors';
import { createChunkMapper } from './chunk-mapper';
import { errorFromPayload, type ErrorContext } from './http-errors';
import { isRecord, tryParseJson } from './json-value';
import { redact, truncate } from './redact';

/** Maps the JSON text of a whole chat completion to the same chunks a stream would give. */
export function chunksFromCompletion(text: string, context: ErrorContext): ChatChunk[] {
  const parsed = tryParseJson(text);
  if (parsed === undefined || !isRecord(parsed.value)) {
    throw malformed(context, 'The server answered with something that is not a JSON chat completion.', text);
  }
  const completion = parsed.value;
  if (completion.error !== undefined && completion.error !== null) {
    throw errorFromPayload(completion, context, { midStream: false, nothingYielded: true });
  }
  if (!Array.isArray(completion.choices)) {
    throw malformed(context, 'The server answered without any choices. Check the model name and base URL.', text);
  }
  const mapper = createChunkMapper();
  return [...mapper.map(completion), ...mapper.close()];
}

function malformed(context: ErrorContext, message: string, body: string): TabagentError {
  return new TabagentError('malformed-stream', message, {
    data: { url: context.url, model: context.model, body: truncate(redact(body, context.secrets), 200) },
    isRetryable: false,
  });
}
