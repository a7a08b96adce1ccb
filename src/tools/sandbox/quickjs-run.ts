/**
 * Runs one piece of untrusted JavaScript in a fresh QuickJS runtime (QuickJS compiled to
 * WebAssembly). The code's world is QuickJS's own: the ECMAScript built-ins and nothing else.
 * No host function is exposed except the one behind `console`, which only appends text to the
 * captured output; so `fetch`, `XMLHttpRequest`, `import()`, `require`, `indexedDB`,
 * `localStorage`, `document`, `window`, `postMessage` and timers simply do not exist inside.
 * Time and stack are bounded by QuickJS itself (interrupt handler, stack limit); memory by the
 * instance's capped WebAssembly memory (see `instantiateQuickJs`) and, for single allocations,
 * QuickJS's memory limit. Works the same in a worker and in Node.
 */
import type { QuickJSContext, QuickJSHandle, QuickJSRuntime, QuickJSWASMModule } from 'quickjs-emscripten-core';
import { resolveLimits } from './limits';
import type { JsonValue, SandboxFailure, SandboxLimits, SandboxOutcome, SandboxRequest } from './types';

/** The file name errors and stack traces in the sandbox refer to. */
export const CODE_FILE_NAME = 'code.js';

const MAX_STACK_LINES = 8;

/**
 * Installs `console` around one host function (`write`), kept in a closure so the code cannot
 * call it directly. Formatting happens inside the sandbox with built-ins captured before the
 * code runs, so replacing `JSON.stringify` later does not change what console prints.
 */
const CONSOLE_SETUP = `(function (write) {
  var stringify = JSON.stringify, toText = String, map = Array.prototype.map, join = Array.prototype.join;
  function show(value) {
    try {
      if (typeof value === 'string') return value;
      if (value === undefined) return 'undefined';
      if (typeof value === 'function') return '[Function' + (value.name ? ': ' + value.name : '') + ']';
      if (typeof value === 'bigint') return toText(value) + 'n';
      if (typeof value === 'symbol') return toText(value);
      if (value instanceof Error) return value.name + ': ' + value.message;
      var text = stringify(value);
      return text === undefined ? toText(value) : text;
    } catch (error) {
      return '[' + typeof value + ']';
    }
  }
  function printer(stream) {
    return function () { write(stream, join.call(map.call(arguments, show), ' ') + '\\n'); };
  }
  var console = { log: printer(1), info: printer(1), debug: printer(1), error: printer(2), warn: printer(2) };
  Object.defineProperty(globalThis, 'console', { value: console, writable: true, configurable: true, enumerable: false });
})`;

/** What a run produced, and whether the WebAssembly instance is still fit for another run. */
export interface QuickJsRun {
  outcome: SandboxOutcome;
  /** False when tearing the runtime down failed: the instance must not be used again. */
  moduleHealthy: boolean;
}

/** Collects console output up to a limit per stream. */
class OutputCapture {
  stdout = '';
  stderr = '';
  truncated = false;
  constructor(private readonly limit: number) {}

  write(stream: 'stdout' | 'stderr', text: string): void {
    const current = this[stream];
    if (current.length >= this.limit) {
      this.truncated = true;
      return;
    }
    const room = this.limit - current.length;
    if (text.length > room) {
      this[stream] = `${current}${text.slice(0, room)}\n[output cut at ${this.limit} characters]\n`;
      this.truncated = true;
      return;
    }
    this[stream] = current + text;
  }
}

/** Wraps code that uses top-level `return`/`await` as an async function body; the prefix keeps line numbers. */
function asFunctionBody(code: string): string {
  return `(async function (args) {${code}\n})(globalThis.args)`;
}

/** Handles made during a run, disposed (if still alive) before the context is. */
class Handles {
  readonly #owned: QuickJSHandle[] = [];
  keep<T extends QuickJSHandle>(handle: T): T {
    this.#owned.push(handle);
    return handle;
  }
  disposeAll(): void {
    for (const handle of this.#owned.splice(0).reverse()) {
      if (handle.alive) handle.dispose();
    }
  }
}

interface Session {
  runtime: QuickJSRuntime;
  context: QuickJSContext;
  handles: Handles;
  limits: SandboxLimits;
  /** Set once the interrupt handler has stopped the code. */
  interrupted: () => boolean;
  /** Whether the instance's memory reached its maximum. */
  memoryFull: () => boolean;
  stringify: QuickJSHandle;
  json: QuickJSHandle;
}

function readString(session: Session, holder: QuickJSHandle, key: string): string | undefined {
  const { context } = session;
  try {
    const value = session.handles.keep(context.getProp(holder, key));
    return context.typeof(value) === 'string' ? context.getString(value) : undefined;
  } catch {
    return undefined;
  }
}

/** The first line of the code named in a stack trace (`code.js:3:7`). */
function lineFrom(stack: string | undefined): number | undefined {
  const match = stack?.match(/code\.js:(\d+)/);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

function shortStack(stack: string | undefined): string | undefined {
  if (!stack) return undefined;
  const lines = stack.split('\n').filter((line) => line.trim() !== '');
  const kept = lines.slice(0, MAX_STACK_LINES);
  if (lines.length > MAX_STACK_LINES) kept.push(`    ... ${lines.length - MAX_STACK_LINES} more frames`);
  return kept.join('\n');
}

/** Turns `JSON.stringify(value)` (with the captured, pristine stringify) into host text. */
function stringifyInside(session: Session, value: QuickJSHandle): { ok: true; text: string | undefined } | { ok: false; error: QuickJSHandle } {
  const { context } = session;
  const result = context.callFunction(session.stringify, session.json, value);
  if (result.error) return { ok: false, error: session.handles.keep(result.error) };
  const text = session.handles.keep(result.value);
  return { ok: true, text: context.typeof(text) === 'string' ? context.getString(text) : undefined };
}

/** Describes whatever the code threw, reading it defensively (getters may throw or loop). */
function describeThrown(session: Session, thrown: QuickJSHandle): SandboxFailure {
  const { context } = session;
  if (session.interrupted()) {
    return { kind: 'time-limit', name: 'InternalError', message: 'interrupted' };
  }
  const type = context.typeof(thrown);
  let name: string | undefined;
  let message: string | undefined;
  let stack: string | undefined;
  if (type === 'object') {
    name = readString(session, thrown, 'name');
    message = readString(session, thrown, 'message');
    stack = readString(session, thrown, 'stack');
  } else if (type === 'string') {
    message = context.getString(thrown);
  }
  if (message === undefined) {
    const serialised = stringifyInside(session, thrown);
    message = serialised.ok && serialised.text !== undefined ? serialised.text : `a thrown ${type}`;
  }
  const line = lineFrom(stack);
  const failure: SandboxFailure = {
    kind: 'thrown',
    message: message.length > 2000 ? `${message.slice(0, 2000)}...` : message,
    ...(name === undefined ? {} : { name }),
    ...(line === undefined ? {} : { line }),
  };
  const short = shortStack(stack);
  if (short) failure.stack = short;
  if (name === 'InternalError' && message === 'out of memory') failure.kind = 'memory-limit';
  else if (name === 'InternalError' && message === 'stack overflow') failure.kind = 'stack-limit';
  return failure;
}

/** Parses the code as a script, or failing that as an async function body; returns the source to run. */
function chooseSource(session: Session, code: string): { ok: true; source: string } | { ok: false; failure: SandboxFailure } {
  const { context, handles } = session;
  const asScript = context.evalCode(code, CODE_FILE_NAME, { type: 'global', compileOnly: true });
  if (!asScript.error) {
    handles.keep(asScript.value);
    return { ok: true, source: code };
  }
  const scriptFailure = describeThrown(session, handles.keep(asScript.error));
  const wrapped = asFunctionBody(code);
  const asBody = context.evalCode(wrapped, CODE_FILE_NAME, { type: 'global', compileOnly: true });
  if (!asBody.error) {
    handles.keep(asBody.value);
    return { ok: true, source: wrapped };
  }
  const bodyFailure = describeThrown(session, handles.keep(asBody.error));
  // "return not in a function" means the author meant a function body: its error is the useful one.
  const failure = /return not in a function/.test(scriptFailure.message) ? bodyFailure : scriptFailure;
  return { ok: false, failure: { ...failure, kind: failure.kind === 'thrown' ? 'syntax' : failure.kind } };
}

/**
 * Runs queued promise jobs until the queue is empty, then settles `value` if it is a promise.
 * Nothing outside can ever queue more jobs (no timers, no I/O), so a promise still pending
 * after the queue drains will never settle.
 */
function settle(session: Session, value: QuickJSHandle): { ok: true; value: QuickJSHandle } | { ok: false; failure: SandboxFailure } {
  const { runtime, context, handles } = session;
  while (runtime.hasPendingJob()) {
    const step = runtime.executePendingJobs();
    if (step.error) return { ok: false, failure: describeThrown(session, handles.keep(step.error)) };
    // QuickJS drops a job it has no memory for without an error: jobs that filled the memory ran out of it.
    if (session.memoryFull()) return { ok: false, failure: { kind: 'memory-limit', name: 'InternalError', message: 'out of memory' } };
  }
  const state = context.getPromiseState(value);
  if (state.type === 'pending') {
    return {
      ok: false,
      failure: {
        kind: 'never-settled',
        message: 'The code returned a promise that never settles (the sandbox has no timers, network or other events to wait for).',
      },
    };
  }
  if (state.type === 'rejected') return { ok: false, failure: describeThrown(session, handles.keep(state.error)) };
  if (state.notAPromise) return { ok: true, value };
  return { ok: true, value: handles.keep(state.value) };
}

function toHostValue(session: Session, value: QuickJSHandle): { ok: true; value: JsonValue | undefined } | { ok: false; failure: SandboxFailure } {
  const serialised = stringifyInside(session, value);
  if (!serialised.ok) {
    const failure = describeThrown(session, serialised.error);
    if (failure.kind === 'time-limit') return { ok: false, failure };
    return { ok: false, failure: { ...failure, kind: 'not-serialisable', message: `The returned value cannot be turned into JSON: ${failure.message}` } };
  }
  if (serialised.text === undefined) return { ok: true, value: undefined };
  if (serialised.text.length > session.limits.maxResultChars) {
    return {
      ok: false,
      failure: {
        kind: 'not-serialisable',
        message: `The returned value is ${serialised.text.length} characters of JSON, more than the ${session.limits.maxResultChars} allowed.`,
      },
    };
  }
  // Parsed on this side: whatever the code returned arrives as plain JSON data.
  return { ok: true, value: JSON.parse(serialised.text) as JsonValue };
}

function installConsole(session: Session, capture: OutputCapture): void {
  const { context, handles } = session;
  const write = handles.keep(
    context.newFunction('write', (stream, text) => {
      if (context.typeof(text) !== 'string') return;
      capture.write(context.typeof(stream) === 'number' && context.getNumber(stream) === 2 ? 'stderr' : 'stdout', context.getString(text));
    }),
  );
  const setup = context.evalCode(CONSOLE_SETUP, 'setup.js');
  const factory = handles.keep(context.unwrapResult(setup));
  handles.keep(context.unwrapResult(context.callFunction(factory, context.undefined, write)));
}

function installArgs(session: Session, args: JsonValue): void {
  const { context, handles } = session;
  const parse = handles.keep(context.getProp(session.json, 'parse'));
  const text = handles.keep(context.newString(JSON.stringify(args)));
  const value = handles.keep(context.unwrapResult(context.callFunction(parse, session.json, text)));
  context.setProp(context.global, 'args', value);
}

function execute(session: Session, request: SandboxRequest, capture: OutputCapture): { ok: true; value: JsonValue | undefined } | { ok: false; failure: SandboxFailure } {
  const { context, handles } = session;
  installConsole(session, capture);
  installArgs(session, request.args ?? {});
  const chosen = chooseSource(session, request.code);
  if (!chosen.ok) return chosen;
  const evaluated = context.evalCode(chosen.source, CODE_FILE_NAME, { type: 'global' });
  if (evaluated.error) return { ok: false, failure: describeThrown(session, handles.keep(evaluated.error)) };
  const settled = settle(session, handles.keep(evaluated.value));
  if (!settled.ok) return settled;
  return toHostValue(session, settled.value);
}

/** Describes an exception raised on the host side of the interpreter during a run. */
function hostFailure(error: unknown, interrupted: boolean): SandboxFailure {
  if (interrupted) return { kind: 'time-limit', message: 'interrupted' };
  const message = error instanceof Error ? error.message : String(error);
  // Deep recursion can exhaust the host engine's native stack before QuickJS's own check trips.
  if (error instanceof RangeError && /call stack/i.test(message)) return { kind: 'stack-limit', name: 'InternalError', message: 'stack overflow' };
  return { kind: 'crashed', message: `The JavaScript sandbox failed: ${message}` };
}

/**
 * Runs `request` in a new runtime and context of `module` (an instance made for this run by
 * `instantiateQuickJs`), then tears both down. Synchronous:
 * the caller's thread is busy until the code finishes or a limit stops it, which is why the
 * app runs this inside a dedicated worker. A run that hit a limit or made the interpreter
 * abort reports `moduleHealthy: false` and is classified by `classify`.
 */
export function runInQuickJs(module: QuickJSWASMModule, request: SandboxRequest, probe: RunProbe = {}): QuickJsRun {
  const limits = resolveLimits(request.limits);
  const capture = new OutputCapture(limits.maxOutputChars);
  const started = performance.now();
  const deadline = Date.now() + limits.cpuTimeMs;
  let interrupted = false;
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(limits.stackBytes);
  runtime.setInterruptHandler(() => {
    if (Date.now() > deadline) interrupted = true;
    return interrupted;
  });
  const context = runtime.newContext();
  const handles = new Handles();
  let result: ReturnType<typeof execute>;
  let hostFailed = false;
  try {
    const json = handles.keep(context.getProp(context.global, 'JSON'));
    const stringify = handles.keep(context.getProp(json, 'stringify'));
    result = execute({ runtime, context, handles, limits, interrupted: () => interrupted, memoryFull: () => probe.memoryFull?.() ?? false, json, stringify }, request, capture);
  } catch (error) {
    // A host-side failure, reported rather than thrown. The instance is used for this run only,
    // so whatever state the failure left it in dies with it.
    hostFailed = true;
    result = { ok: false, failure: hostFailure(error, interrupted) };
  }
  const memoryFull = probe.memoryFull?.() ?? false;
  const dropped = hostFailed || interrupted || memoryFull;
  let teardownFailed = false;
  // After a limit the instance is dropped, not torn down: freeing a full heap object by object
  // costs time past the limit, and QuickJS may abort on teardown after an interrupted job.
  if (!dropped) {
    try {
      handles.disposeAll();
      context.dispose();
      runtime.dispose();
    } catch {
      teardownFailed = true;
    }
  }
  const moduleHealthy = !dropped && !teardownFailed;
  const failure = classify(result, { interrupted, memoryFull, aborted: hostFailed || teardownFailed });
  const base = { stdout: capture.stdout, stderr: capture.stderr, truncated: capture.truncated, durationMs: performance.now() - started };
  const outcome: SandboxOutcome =
    failure === undefined && result.ok
      ? { ok: true, ...base, ...(result.value === undefined ? {} : { value: result.value }) }
      : { ok: false, ...base, error: failure ?? (result as { failure: SandboxFailure }).failure };
  return { outcome, moduleHealthy };
}

/** What the host saw of a run besides its result. */
export interface RunProbe {
  /** Whether the instance's memory reached its maximum (see `instantiateQuickJsInstance`). */
  memoryFull?: () => boolean;
}

/**
 * The failure a run really ended with, when its result says otherwise: code interrupted at its
 * deadline is a time limit whatever it returned (QuickJS drops an interrupted promise job
 * silently, so a self-scheduling promise chain "returns"); code that failed with its memory at
 * the maximum ran out of memory (QuickJS may not even manage to build the error, leaving an
 * unreadable thrown value) unless it caught that and returned normally; an interpreter abort is a crash. Undefined: the result stands.
 */
function classify(
  result: ReturnType<typeof execute>,
  seen: { interrupted: boolean; memoryFull: boolean; aborted: boolean },
): SandboxFailure | undefined {
  const kind = result.ok ? undefined : result.failure.kind;
  if (kind === 'memory-limit' || kind === 'stack-limit') return undefined;
  if (seen.interrupted) return kind === 'time-limit' ? undefined : { kind: 'time-limit', name: 'InternalError', message: 'interrupted' };
  // A run that caught its own out-of-memory error and returned a value stands: the code handled it.
  const failedOrAborted = kind !== undefined || seen.aborted;
  if (seen.memoryFull && failedOrAborted && kind !== 'syntax') return { kind: 'memory-limit', name: 'InternalError', message: 'out of memory' };
  if (seen.aborted && (kind === undefined || kind === 'thrown')) return { kind: 'crashed', message: 'The JavaScript sandbox failed: the interpreter aborted.' };
  return undefined;
}
