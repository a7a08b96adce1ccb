/** Response bodies as the door hands them on: bytes counted, and secret values scrubbed where asked. */

export interface MeterOptions {
  /** Byte sequences to replace (UTF-8 forms of secret values); none: the body passes unchanged. */
  redact?: readonly Uint8Array[];
  /** Called once: the body was read to its end (`error` undefined), failed, or was cancelled. */
  onEnd: (bytes: number, error?: string) => void;
}

const REPLACEMENT = new TextEncoder().encode('[redacted]');

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.byteLength === 0) return b;
  const joined = new Uint8Array(a.byteLength + b.byteLength);
  joined.set(a, 0);
  joined.set(b, a.byteLength);
  return joined;
}

function startsAt(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at + needle.byteLength > haystack.byteLength) return false;
  for (let index = 0; index < needle.byteLength; index += 1) if (haystack[at + index] !== needle[index]) return false;
  return true;
}

/** `bytes` with every occurrence of each pattern replaced by `[redacted]`. */
export function replaceBytes(bytes: Uint8Array, patterns: readonly Uint8Array[]): Uint8Array {
  const parts: number[] = [];
  let changed = false;
  let index = 0;
  outer: while (index < bytes.byteLength) {
    for (const pattern of patterns) {
      if (pattern.byteLength > 0 && bytes[index] === pattern[0] && startsAt(bytes, pattern, index)) {
        for (const byte of REPLACEMENT) parts.push(byte);
        index += pattern.byteLength;
        changed = true;
        continue outer;
      }
    }
    parts.push(bytes[index] as number);
    index += 1;
  }
  return changed ? Uint8Array.from(parts) : bytes;
}

/**
 * Wraps a body so every byte is counted and, with `redact`, no secret value gets through even
 * when it is split across chunks (the last `longest - 1` bytes are held back until the next chunk
 * or the end). Stops a server that echoes a credential from putting it into a tool result, the
 * prompt or an error message.
 */
export function meterBody(source: ReadableStream<Uint8Array>, options: MeterOptions): ReadableStream<Uint8Array> {
  const reader = source.getReader();
  const patterns = (options.redact ?? []).filter((pattern) => pattern.byteLength > 0);
  const hold = patterns.reduce((longest, pattern) => Math.max(longest, pattern.byteLength), 0) - 1;
  let total = 0;
  let carry = new Uint8Array(0);
  let ended = false;
  const end = (error?: string): void => {
    if (ended) return;
    ended = true;
    options.onEnd(total, error);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        // A pull that enqueues nothing is not called again, so read until there is something to
        // hand on (a small chunk may be held back whole while it could be the start of a secret).
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            if (carry.byteLength > 0) controller.enqueue(replaceBytes(carry, patterns));
            carry = new Uint8Array(0);
            controller.close();
            end();
            return;
          }
          total += value.byteLength;
          if (patterns.length === 0) {
            controller.enqueue(value);
            return;
          }
          const replaced = replaceBytes(concat(carry, value), patterns);
          const split = Math.max(0, replaced.byteLength - Math.max(0, hold));
          carry = replaced.slice(split);
          if (split > 0) {
            controller.enqueue(replaced.slice(0, split));
            return;
          }
        }
      } catch (error) {
        end(error instanceof Error ? error.message : String(error));
        controller.error(error);
      }
    },
    async cancel(reason) {
      end('cancelled');
      await reader.cancel(reason);
    },
  });
}

