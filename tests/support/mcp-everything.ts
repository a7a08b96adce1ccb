/**
 * Starts the reference MCP server, @modelcontextprotocol/server-everything, as a child process on
 * a free port (it listens on every interface; tests use 127.0.0.1). Its Streamable HTTP mode
 * serves `/mcp`, its older HTTP+SSE mode `/sse`; both allow any origin (CORS), so a browser page
 * can connect too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface EverythingServer {
  /** The endpoint to connect to: `…/mcp` or `…/sse`. */
  url: string;
  port: number;
  /** What the server printed, for diagnosing a failed start. */
  readonly output: string[];
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('../../node_modules/@modelcontextprotocol/server-everything/dist/index.js', import.meta.url));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function waitForListening(child: ChildProcess, output: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server-everything did not start in ${timeoutMs} ms:\n${output.join('')}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (/listening on port|running on port/i.test(output.join(''))) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server-everything exited with ${code}:\n${output.join('')}`));
    });
  });
}

/** Starts server-everything in `streamableHttp` (default) or `sse` mode. */
export async function startEverythingServer(mode: 'streamableHttp' | 'sse' = 'streamableHttp', timeoutMs = 60_000): Promise<EverythingServer> {
  const port = await freePort();
  const output: string[] = [];
  const child = spawn(process.execPath, [ENTRY, mode], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    await waitForListening(child, output, timeoutMs);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url: `http://127.0.0.1:${port}/${mode === 'sse' ? 'sse' : 'mcp'}`,
    port,
    output,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
