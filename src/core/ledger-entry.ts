/**
 * One outbound request as the network door recorded it: defined once, below the door that writes
 * it, the store that keeps it (`NetworkLogRecord`) and the Network page that shows it.
 */

/** What the ledger records about one request (secrets and query secrets already redacted). */
export interface LedgerEntry {
  /** Milliseconds since the epoch. */
  time: number;
  method: string;
  /** The URL with secret values, placeholders and credential-like query values redacted. */
  url: string;
  origin: string;
  /** The tool (or engine) that asked, when known. */
  requester?: string;
  outcome: 'allowed' | 'blocked';
  /** Why it was blocked, or why it failed. */
  reason?: string;
  status?: number;
  /** Request body size in bytes. */
  bytesSent?: number;
  /** Response body size in bytes (counted as it was read; Content-Length until then). */
  bytesReceived?: number;
  /** The request failed on the way (network error, stopped); its message, redacted. */
  error?: string;
  /** From the request leaving to the end of its response body (ms). */
  durationMs?: number;
}
