import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA, type VitePWAOptions } from 'vite-plugin-pwa';
import solid from 'vite-plugin-solid';

/**
 * Lets @apidevtools/json-schema-ref-parser (the `$ref` resolver under swagger-parser, used by the
 * OpenAPI import) run in browsers: it calls `Buffer.isBuffer(result)` on every parse, even of a
 * plain object, and browsers have no `Buffer` ("Buffer is not defined"). Instead of a `Buffer`
 * global, which other libraries read as "this is Node", its own calls become
 * `globalThis.Buffer?.isBuffer(`: unchanged in Node, false in a browser. Also applied while
 * dependencies are pre-bundled (optimizeDeps). The browser project in vitest.config.ts has a
 * copy (the config files import no local modules).
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
 * own names, which Vite's hashed `?url` assets cannot give it. The dev server (and the vitest
 * browser project, which has a copy of this plugin) answers them from node_modules; a build emits
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

/**
 * Files up to this size are precached when the service worker installs, so the app shell, its
 * lazy chunks, the workers and the small WASM modules work offline from the first visit. Larger
 * files are the local-model runtimes (web-llm's library and worker, onnxruntime-web's WASM, each
 * 6–27 MB): precaching them would make every visitor download ~40 MB, including those who only use
 * a server, so they are cached on first use instead (CacheFirst below; their names carry a content
 * hash, so a cached copy is never stale). See docs/install-and-offline.md.
 */
const PRECACHE_LIMIT_BYTES = 3 * 1024 * 1024;

/** The service worker and web app manifest (vite-plugin-pwa, Workbox generateSW). */
const pwa: Partial<VitePWAOptions> = {
  registerType: 'prompt',
  // src/ui/pwa/register-updates.ts registers it (after the first paint) and drives the reload prompt.
  injectRegister: false,
  // The glob below already takes the icons and the favicon; listing them again would duplicate entries.
  includeManifestIcons: false,
  manifest: {
    id: '/',
    name: 'Tabagent',
    short_name: 'Tabagent',
    description: 'A tool-using AI agent that runs in a browser tab. Conversations, settings and local models stay on this device.',
    lang: 'en',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: '#1f5fbf',
    background_color: '#ffffff',
    icons: [
      { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: 'icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
      { src: 'icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{html,js,mjs,css,wasm,svg,png,json}'],
    // Pyodide (~13 MB, run_python only) is cached on its first use, by the route below.
    globIgnores: ['assets/pyodide-*/**'],
    // The service worker's own source map is of no use to anyone and doubles the build's PWA step.
    sourcemap: false,
    // Workbox only warns past this (and vite-plugin-pwa turns the warning into an error); the size
    // decision is the transform below, which leaves big files to the runtime cache without a warning.
    maximumFileSizeToCacheInBytes: 256 * 1024 * 1024,
    manifestTransforms: [
      (entries) => ({ manifest: entries.filter((entry) => entry.size <= PRECACHE_LIMIT_BYTES), warnings: [] }),
    ],
    navigateFallback: 'index.html',
    cleanupOutdatedCaches: true,
    runtimeCaching: [
      {
        // Pyodide's files (pyodideAssets above): their folder names the version, so a cached copy is never stale.
        urlPattern: /\/assets\/pyodide-[^/]+\/[^/?#]+$/,
        handler: 'CacheFirst',
        options: {
          cacheName: 'tabagent-pyodide',
          expiration: { maxEntries: 8, purgeOnQuotaError: true },
          cacheableResponse: { statuses: [200] },
        },
      },
      {
        // Same-origin hashed build assets that were too big to precache (a RegExp route matches
        // other origins only from the URL's start, so this never caches another site's files).
        urlPattern: /\/assets\/[^?#]+\.(?:js|mjs|wasm)$/,
        handler: 'CacheFirst',
        options: {
          cacheName: 'tabagent-large-assets',
          expiration: { maxEntries: 24, purgeOnQuotaError: true },
          cacheableResponse: { statuses: [200] },
        },
      },
    ],
  },
};

/**
 * The Content-Security-Policy of index.html's meta tag, read from there so the two never differ.
 * `vite preview` also sends it as a header, with frame-ancestors (ignored in a meta tag): the app
 * must not be framed by another site.
 */
function contentSecurityPolicy(): string {
  const html = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('index.html has no Content-Security-Policy meta tag; vite.config.ts sends the same policy as a header.');
  return `${match[1]}; frame-ancestors 'none'`;
}

export default defineConfig({
  // refParserWithoutBuffer: the OpenAPI parser checks Node's `Buffer` even in browsers (see the plugin).
  plugins: [solid(), VitePWA(pwa), refParserWithoutBuffer(), pyodideAssets()],
  optimizeDeps: { rolldownOptions: { plugins: [refParserWithoutBuffer()] } },
  build: {
    target: 'es2022',
    sourcemap: true,
    // The only chunk past 500 kB is mathjs, loaded on the first calculation, never at start-up.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Every module the entry imports statically goes into one chunk with it: left to the
          // automatic splitting they were ~20 small shared chunks, each a round trip (and on a warm
          // load a service-worker fetch) before the app could start. `$initial` takes only modules
          // the first screen already loads, so no feature code moves into the start; the lazy chunks
          // import what they share with it from this chunk.
          groups: [{ name: 'start', tags: ['$initial'] }],
        },
      },
    },
  },
  worker: { format: 'es' },
  preview: { port: 4173, strictPort: true, headers: { 'Content-Security-Policy': contentSecurityPolicy() } },
});
