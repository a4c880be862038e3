import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export class ToolError extends Error {
  constructor(
    message: string,
    readonly reason: 'missing' | 'timeout' | 'failed',
  ) {
    super(message);
    this.name = 'ToolError';
  }
}

/**
 * Runs an external converter (LibreOffice, poppler) in a fresh temporary folder that is removed
 * afterwards, with a time limit that kills its whole process group: a hostile file may hang it.
 */
export async function withToolFolder<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zhiwen-convert-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function runTool(command: string, args: string[], options: { cwd: string; timeoutSeconds: number; env?: NodeJS.ProcessEnv }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, HOME: options.cwd, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const keep = (b: Buffer) => {
      if (output.length < 8192) output += b.toString();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
      reject(new ToolError(`${path.basename(command)} ran past ${options.timeoutSeconds} s and was stopped`, 'timeout'));
    }, options.timeoutSeconds * 1000);
    child.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(new ToolError(err.code === 'ENOENT' ? `${command} is not installed` : err.message, err.code === 'ENOENT' ? 'missing' : 'failed'));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else if (signal !== 'SIGKILL') reject(new ToolError(`${path.basename(command)} exited with ${code ?? signal}: ${output.trim().slice(0, 500)}`, 'failed'));
    });
  });
}
