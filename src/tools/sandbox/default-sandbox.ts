import { createInProcessSandbox } from './in-process';
import type { SandboxRunner } from './types';
import { createWorkerSandbox } from './worker-sandbox';

let shared: SandboxRunner | undefined;

/**
 * The app's sandbox, created on first use: dedicated workers where the platform has Web
 * Workers (browsers), QuickJS on the calling thread otherwise (Node).
 */
export function defaultSandbox(): SandboxRunner {
  shared ??= typeof Worker === 'function' ? createWorkerSandbox() : createInProcessSandbox();
  return shared;
}
