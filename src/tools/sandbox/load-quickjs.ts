import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import releaseSyncVariant from '@jitl/quickjs-wasmfile-release-sync';

// From quickjs-emscripten-core (installed with quickjs-emscripten) rather than quickjs-emscripten itself:
// the latter's index names all four interpreter builds, and bundlers then emit every one's .wasm.
const WASM_PAGE_BYTES = 64 * 1024;
/** The memory QuickJS's build starts with (its INITIAL_MEMORY): static data, stack and first heap. */
const INITIAL_MEMORY_BYTES = 16 * 1024 * 1024;

/** A QuickJS instance and a probe of its WebAssembly memory. */
export interface QuickJsInstance {
  module: QuickJSWASMModule;
  /**
   * Whether the instance's memory has grown to (nearly) its fixed maximum: when the code then
   * fails, it ran out of memory, even if QuickJS could not build its "out of memory" error.
   */
  memoryFull(): boolean;
}

/** Within this much of its maximum, the memory counts as full (the allocator grows it in steps). */
const FULL_MARGIN_BYTES = 2 * 1024 * 1024;

/**
 * A fresh QuickJS instance (release build, synchronous API) whose whole WebAssembly memory can
 * never grow past `memoryBytes`. QuickJS's own `setMemoryLimit` cannot be relied on for this:
 * in its Emscripten build it counts each allocation as a few bytes (it cannot learn block
 * sizes; quickjs-emscripten issue #271), so many small allocations pass it. A memory with a
 * fixed maximum makes the allocator itself fail, which QuickJS reports as "out of memory" (or,
 * when not even that error can be allocated, as an unreadable thrown value: see `memoryFull`).
 * One instance per run also means nothing, not even allocator state, survives between runs.
 */
export async function instantiateQuickJsInstance(compiled: WebAssembly.Module, memoryBytes: number): Promise<QuickJsInstance> {
  const maximumPages = Math.ceil(Math.max(memoryBytes, INITIAL_MEMORY_BYTES) / WASM_PAGE_BYTES);
  const memory = new WebAssembly.Memory({ initial: INITIAL_MEMORY_BYTES / WASM_PAGE_BYTES, maximum: maximumPages });
  const module = await newQuickJSWASMModuleFromVariant(newVariant(releaseSyncVariant, { wasmModule: compiled, wasmMemory: memory }));
  return { module, memoryFull: () => memory.buffer.byteLength >= maximumPages * WASM_PAGE_BYTES - FULL_MARGIN_BYTES };
}

/** `instantiateQuickJsInstance` without the memory probe. */
export async function instantiateQuickJs(compiled: WebAssembly.Module, memoryBytes: number): Promise<QuickJSWASMModule> {
  return (await instantiateQuickJsInstance(compiled, memoryBytes)).module;
}

/** Compiles the interpreter from its file in node_modules (Node only: the CLI and unit tests). */
export async function compileQuickJsInNode(): Promise<WebAssembly.Module> {
  // Reached through getBuiltinModule rather than imported, so browser bundles never see node: modules.
  const { createRequire } = process.getBuiltinModule('node:module');
  const { readFile } = process.getBuiltinModule('node:fs/promises');
  const path = createRequire(import.meta.url).resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
  return WebAssembly.compile(await readFile(path));
}

/** Compiles the interpreter from `url` (served by our own build, never a CDN). */
export async function compileQuickJsFromUrl(url: string): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the interpreter (${url}) could not be loaded: HTTP ${response.status}`);
  return WebAssembly.compile(await response.arrayBuffer());
}
