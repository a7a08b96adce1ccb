/** The seams of the network door: what it asks (policy, secrets) and where it writes (ledger). */
import type { LedgerEntry } from '../core/ledger-entry';

/** One outbound request as the policy sees it. */
export interface PolicyRequest {
  /** `scheme://host[:port]`. */
  origin: string;
  method: string;
  /** Who asked, when known ('engine', 'tool:model_api', 'mcp:files'…). */
  requester?: string;
}

/** The policy's verdict on one request. */
export type PolicyDecision =
  | { allowed: true; /** The holder of the grant that allowed it ('engine', 'tool:x', 'model download'…). */ grantedBy?: string }
  | { allowed: false; /** Why, in words a person can act on (names the origin and how to allow it). */ reason: string };

/** Decides which origins requests may reach. */
export interface NetworkPolicy {
  decide(request: PolicyRequest): PolicyDecision | Promise<PolicyDecision>;
}

/** One secret as the door sees it. The value never leaves the door except inside a request to a granted origin. */
export interface SecretValue {
  id: string;
  /** Shown instead of the value (confirmations, the ledger, errors). */
  label: string;
  value: string;
  /** Origins (`scheme://host[:port]`) the value may be sent to. */
  origins: readonly string[];
}

/** Where the door finds secrets. `list()` must be current once `ready` has settled. */
export interface SecretSource {
  /** Settles once the secrets are loaded (absent: always ready). */
  ready?: Promise<unknown>;
  get(id: string): SecretValue | undefined;
  list(): readonly SecretValue[];
  /** Re-reads the secrets (asked when a request names one the source does not know yet). */
  refresh?(): Promise<void>;
}

export type { LedgerEntry } from '../core/ledger-entry';

/** Fields filled in as a request goes on. */
export type LedgerUpdate = Partial<Pick<LedgerEntry, 'status' | 'bytesReceived' | 'error' | 'durationMs' | 'outcome' | 'reason'>>;

/** The handle of one recorded request. */
export interface LedgerHandle {
  /** Adds what is known now (status, bytes so far). */
  update(patch: LedgerUpdate): void;
  /** The request is over (body read to the end, cancelled or failed); later calls are ignored. */
  finish(patch: LedgerUpdate): void;
}

/** Records every request the door sees. Synchronous for the door; persistence happens behind it. */
export interface NetworkLedger {
  begin(entry: LedgerEntry): LedgerHandle;
}
