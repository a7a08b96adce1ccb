import { newQuickJSWASMModuleFromVariant, newVariant, type QuickJSWASMModule } from 'quickjs-emscripten-core';
import releaseSyncVariant from '@jitl/quickjs-wasmfile-release-sync';

// From quickjs-emscripten-core (installed with quickjs-emscripten) rather than quickjs-emscripten itself:
// the latter's index names all four interpreter builds, and bundlers then emit every one's .wasm.
const WASM_PAGE_BYTES = 64 * 1024;
/** The memory QuickJS's build starts with (its INITIAL_MEMORY): static data, stack and first heap. */
const INITIAL_MEMORY_BYTES = 16 * 1024 * 1024;

/**
 * A fresh QuickJS instance (release build, synchronous API) whose whole WebAssembly memory can
 * never grow past `memoryBytes`. QuickJS's own `setMemoryLimit` cannot be relied on for this:
 * in its Emscripten build it counts each allocation as a few bytes (it cannot learn block
 * sizes; quickjs-emscripten issue #271), so many small allocations pass it. A memory with a
 * fixed maximum makes the allocator itself fail, which QuickJS reports as "out of memory".
 * One instance per run also means nothing, not even allocator state, survives between runs.
 */
export function instantiateQuickJs(compiled: WebAssembly.Module, memoryBytes: number): Promise<QuickJSWASMModule> {
  const memory = new WebAssembly.Memory({
    initial: INITIAL_MEMORY_BYTES / WASM_PAGE_BYTES,
    maximum: Math.ceil(Math.max(memoryBytes, INITIAL_MEMORY_BYTES) / WASM_PAGE_BYTES),
  });
  return newQuickJSWASMModuleFromVariant(newVariant(releaseSyncVariant, { wasmModule: compiled, wasmMemory: memory }));
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
