import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import { meterBody } from '../../../src/net/metered-body';
import { redactSecrets, secretForms } from '../../../src/net/redact';
import type { SecretValue } from '../../../src/net/types';

const CANARY: SecretValue = { id: 'c', label: 'Canary', value: 'sk-Canary/Key+42=ok? &(!)', origins: ['https://api.example'] };

/** The canary as a server might echo it, each form named. */
function echoes(value: string): Record<string, string> {
  const b64 = Buffer.from(value).toString('base64');
  return {
    raw: value,
    'upper-case': value.toUpperCase(),
    'lower-case': value.toLowerCase(),
    percent: encodeURIComponent(value),
    'percent, lower-case hex': encodeURIComponent(value).replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    form: new URLSearchParams({ q: value }).toString().slice(2),
    'JSON-escaped': JSON.stringify(value).slice(1, -1),
    'JSON with \\/': JSON.stringify(value).slice(1, -1).replace(/\//g, '\\/'),
    base64: b64,
    base64url: Buffer.from(value).toString('base64url'),
    hex: Buffer.from(value).toString('hex'),
    'hex, upper-case': Buffer.from(value).toString('hex').toUpperCase(),
    'base64 inside a longer string, offset 1': Buffer.from(`x${value}yz`).toString('base64'),
    'base64 inside a longer string, offset 2': Buffer.from(`xy${value}z`).toString('base64'),
    'base64 inside a longer string, offset 0': Buffer.from(`xyz${value}!`).toString('base64'),
    'base64url inside a longer string': Buffer.from(`Authorization: Basic ${value}`).toString('base64url'),
  };
}

/** True when any 8-character run of `form`'s decodable content survives in `text`. */
function leaks(text: string, value: string): boolean {
  const candidates = [value, value.toUpperCase(), encodeURIComponent(value), Buffer.from(value).toString('hex')];
  for (const offset of [0, 1, 2]) {
    // The characters that depend only on the secret, at each alignment.
    const encoded = Buffer.from(`${'\0'.repeat(offset)}${value}`).toString('base64');
    candidates.push(encoded.slice(offset === 0 ? 0 : offset + 1, -2));
  }
  return candidates.some((candidate) => candidate.length >= 8 && text.includes(candidate.slice(0, 8)) && text.includes(candidate.slice(-8)));
}

describe('secret redaction in every encoding', () => {
  for (const [name, echoed] of Object.entries(echoes(CANARY.value))) {
    it(`redacts the canary echoed ${name}`, () => {
      const text = `{"echo":"${echoed}","note":"fine"}`;
      const redacted = redactSecrets(text, [CANARY]);
      expect(redacted).toContain('[redacted]');
      expect(redacted).toContain('"note":"fine"');
      expect(leaks(redacted, CANARY.value)).toBe(false);
    });
  }

  it('redacts every form from a streamed body split into one-byte chunks', async () => {
    const body = Object.values(echoes(CANARY.value)).join('\n');
    const bytes = new TextEncoder().encode(body);
    const source = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(Uint8Array.of(byte));
        controller.close();
      },
    });
    const encoder = new TextEncoder();
    const patterns = secretForms(CANARY.value).map((form) => encoder.encode(form));
    const text = await new Response(meterBody(source, { redact: patterns, onEnd: () => undefined })).text();
    expect(leaks(text, CANARY.value)).toBe(false);
    expect(text.split('[redacted]').length - 1).toBeGreaterThanOrEqual(Object.keys(echoes(CANARY.value)).length);
  });

  it('leaves ordinary text alone and ignores values too short to be secrets', () => {
    expect(redactSecrets('an ordinary sentence with base64 aGVsbG8gd29ybGQ=', [CANARY])).toBe('an ordinary sentence with base64 aGVsbG8gd29ybGQ=');
    expect(secretForms('abc')).toEqual([]);
  });
});
