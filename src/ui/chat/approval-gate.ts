import { createSignal, type Accessor } from 'solid-js';
import type { ApprovalDecision, ApprovalDetails, ApproveCall } from '../../core/tool-runner';
import type { ToolCall } from '../../core/types';

/** A side-effecting call waiting for the person's decision. */
export interface PendingApproval {
  /** The exact, frozen call that will run if allowed. */
  call: Readonly<ToolCall>;
  /** Why it is asked and what it will send where (from the executor). */
  details?: Readonly<ApprovalDetails>;
}

export interface ApprovalGate {
  /** The call waiting for a decision, if any. */
  pending: Accessor<PendingApproval | undefined>;
  /** The `approve` callback for the agent run: shows the call and waits for `answer`. */
  approve: ApproveCall;
  /** The person's decision on the pending call (ignored when none is pending). */
  answer(decision: ApprovalDecision): void;
}

/**
 * Turns the agent's `approve` callback into UI state: one pending call at a time, resolved by
 * `answer`, or denied when the run is stopped. The call shown is a deep-frozen copy, so what the
 * person approves is exactly what was asked about.
 */
export function createApprovalGate(): ApprovalGate {
  const [pending, setPending] = createSignal<PendingApproval | undefined>();
  let settle: ((decision: ApprovalDecision) => void) | undefined;

  const approve: ApproveCall = (call, signal, details) =>
    new Promise<ApprovalDecision>((resolve) => {
      settle?.('deny');
      const shown = structuredClone({ id: call.id, name: call.name, arguments: call.arguments });
      const finish = (decision: ApprovalDecision): void => {
        signal.removeEventListener('abort', onAbort);
        if (settle === finish) {
          settle = undefined;
          setPending(undefined);
        }
        resolve(decision);
      };
      const onAbort = (): void => finish('deny');
      if (signal.aborted) {
        resolve('deny');
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      settle = finish;
      setPending({ call: deepFreeze(shown), ...(details ? { details: deepFreeze(structuredClone(details)) } : {}) });
    });

  return {
    pending,
    approve,
    answer(decision) {
      settle?.(decision);
    },
  };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
