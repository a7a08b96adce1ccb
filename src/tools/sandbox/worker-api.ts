import type { SandboxOutcome, SandboxRequest } from './types';

/** What the sandbox worker exposes over comlink. */
export interface SandboxWorkerApi {
  /** Resolves once QuickJS has loaded and the worker's own network and storage globals are gone. */
  ready(): Promise<void>;
  /** Runs one request; never rejects for anything the code does. */
  run(request: SandboxRequest): Promise<SandboxOutcome>;
}
