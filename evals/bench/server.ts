/**
 * Starts a server as a child process for the HTTP bench and waits until it answers. The harness
 * does not know how Zhiwen's server is started: the lead passes the command (see the CLI's
 * --server-cmd) or starts the server separately and passes --base-url.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

export interface ServerOptions {
  /** Program and arguments, e.g. ["npx", "tsx", "cli/main.ts", "serve", "--port", "3999"]. */
  command: string[];
  /** Loopback base URL the server will listen on. */
  baseUrl: string;
  /** Path polled until it returns 2xx (default "/"). */
  readyPath?: string;
  env?: Record<string, string>;
  /** Give up after this long (default 120 s: an index may have to load). */
  timeoutMs?: number;
}

export interface RunningServer {
  pid: number;
  baseUrl: string;
  stop(): Promise<void>;
}

const POLL_MS = 250;
const DEFAULT_READY_TIMEOUT_MS = 120_000;

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const [program, ...args] = o.command;
  if (!program) throw new Error('startServer needs a command, e.g. ["npx", "tsx", "cli/main.ts", "serve"]');
  const child = spawn(program, args, { env: { ...process.env, ...o.env }, stdio: ['ignore', 'inherit', 'inherit'] });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited(child);
  };
  const deadline = Date.now() + (o.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS);
  const ready = new URL(o.readyPath ?? '/', o.baseUrl);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server command "${o.command.join(' ')}" exited with code ${child.exitCode} before it was ready`);
    try {
      if ((await fetch(ready, { signal: AbortSignal.timeout(POLL_MS * 4) })).ok) return { pid: child.pid ?? -1, baseUrl: o.baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  await stop();
  throw new Error(`server at ${ready.href} not ready after ${o.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS} ms; check the command or raise the timeout`);
}
