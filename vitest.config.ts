import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import type { Plugin } from 'vite';
import { playwright } from '@vitest/browser-playwright';
import solid from 'vite-plugin-solid';

/**
 * Lets @apidevtools/json-schema-ref-parser (the `$ref` resolver under swagger-parser, used by the
 * OpenAPI import) run in browsers: it calls `Buffer.isBuffer(result)` on every parse, even of a
 * plain object, and browsers have no `Buffer` ("Buffer is not defined"). Instead of a `Buffer`
 * global, which other libraries read as "this is Node", its own calls become
 * `globalThis.Buffer?.isBuffer(`: unchanged in Node, false in a browser. Also applied while
 * dependencies are pre-bundled (optimizeDeps). A copy of the plugin in vite.config.ts (the
 * config files import no local modules).
 */
function refParserWithoutBuffer(): Plugin {
  const library = /[\\/]@apidevtools[\\/]json-schema-ref-parser[\\/]/;
  return {
    name: 'tabagent:ref-parser-without-buffer',
    transform: {
      filter: { id: library },
      handler: (code) => ({ code: code.replace(/(?<![.\w])Buffer\.isBuffer\(/g, 'globalThis.Buffer?.isBuffer('), map: null }),
    },
  };
}

/**
 * Serves Pyodide's runtime files (run_python's interpreter, src/tools/sandbox/python) from our own
 * origin at `assets/pyodide-<version>/`: `loadPyodide({ indexURL })` finds them there by their
 * own names, which Vite's hashed `?url` assets cannot give it. The dev server (here: the browser
 * project's; vite.config.ts has the original of this copy) answers them from node_modules; a build emits
 * them. The version in the folder name does what a content hash does for the caches.
 */
function pyodideAssets(): Plugin {
  const packageJson = createRequire(import.meta.url).resolve('pyodide/package.json');
  const source = new URL('./', `file://${packageJson}`);
  const { version } = JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string };
  const folder = `assets/pyodide-${version}/`;
  const types: Record<string, string> = {
    'pyodide.asm.mjs': 'text/javascript',
    'pyodide.asm.wasm': 'application/wasm',
    'python_stdlib.zip': 'application/zip',
    'pyodide-lock.json': 'application/json',
  };
  return {
    name: 'tabagent:pyodide-assets',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const prefix = `${server.config.base}${folder}`;
        const path = request.url?.split('?')[0] ?? '';
        const type = path.startsWith(prefix) ? types[path.slice(prefix.length)] : undefined;
        if (!type) return next();
        response.setHeader('Content-Type', type);
        response.end(readFileSync(new URL(path.slice(prefix.length), source)));
      });
    },
    generateBundle() {
      for (const name of Object.keys(types)) this.emitFile({ type: 'asset', fileName: `${folder}${name}`, source: readFileSync(new URL(name, source)) });
    },
  };
}

/** Flags that give Debian's Chromium a CPU WebGPU adapter and keep it off the network. */
export const chromiumArgs = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--use-webgpu-adapter=swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts'],
          // Writes the tiny random-weight model fixtures (idempotent).
          globalSetup: ['tests/fixtures/global-setup.ts'],
        },
      },
      {
        // Growth checks (time at 4n against time at n) run on their own, one file at a time, after
        // the other projects (`npm test`): a sibling worker's load skews a ratio taken in one process.
        test: {
          name: 'growth',
          environment: 'node',
          include: ['tests/growth/**/*.test.ts'],
          fileParallelism: false,
        },
      },
      {
        plugins: [solid(), refParserWithoutBuffer(), pyodideAssets()],
        // Loaded lazily by the app (Tools page): pre-bundled up front so that discovering them
        // mid-run does not make Vite reload the page under a running test.
        optimizeDeps: {
          rolldownOptions: { plugins: [refParserWithoutBuffer()] },
          include: [
            '@modelcontextprotocol/sdk/client/index.js',
            '@modelcontextprotocol/sdk/client/sse.js',
            '@modelcontextprotocol/sdk/client/streamableHttp.js',
            '@modelcontextprotocol/sdk/client/auth.js',
            '@modelcontextprotocol/sdk/types.js',
            '@apidevtools/swagger-parser',
            'yaml',
            // The knowledge base's readers (loaded on the first PDF / HTML document) and the tests' PDF writer.
            'pdfjs-dist',
            '@mozilla/readability',
            'pdf-lib',
            // The JavaScript sandbox's interpreter glue (loaded in its worker on the first run).
            'quickjs-emscripten-core',
            '@jitl/quickjs-wasmfile-release-sync',
          ],
        },
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.{ts,tsx}'],
          // Writes the tiny random-weight model fixtures (idempotent).
          globalSetup: ['tests/fixtures/global-setup.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: {
                executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
                args: chromiumArgs,
              },
              // Tests find controls by their English names; the app follows the browser's language.
              contextOptions: { locale: 'en-US' },
            }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
    ],
  },
});
