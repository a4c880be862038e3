import { randomBytes } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { liveHolder } from '../library/store/folder-lock';
import { LOCAL_SECRET_HEADER } from '../api/routes/local-writes';

/**
 * How the CLI reaches the `zhiwen serve` that holds an embedded library: written beside the lock
 * (mode 0600: the secret lets its reader write to the library) and removed when the service stops.
 */
export const SERVICE_FILE = 'zhiwen-service.json';

export interface LocalService {
  pid: number;
  /** Loopback base URL of the service, e.g. http://127.0.0.1:3000. */
  url: string;
  secret: string;
  startedAt: string;
}

/** A fresh per-start secret for the local write routes. */
export function newLocalSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Writes the service file (owner-only) and returns its remover. */
export function writeServiceFile(dataDir: string, service: LocalService): () => void {
  const file = path.join(dataDir, SERVICE_FILE);
  try {
    unlinkSync(file);
  } catch {
    // none left by an earlier service
  }
  const fd = openSync(file, 'wx', 0o600);
  try {
    writeSync(fd, `${JSON.stringify(service)}\n`);
  } finally {
    closeSync(fd);
  }
  chmodSync(file, 0o600);
  return () => {
    try {
      if (readService(file)?.secret === service.secret) unlinkSync(file);
    } catch {
      // already gone
    }
  };
}

/**
 * The running service that holds `dataDir`, or null when none does (the caller opens the library
 * itself, and gets LibraryLockedError if another process holds it).
 */
export function findLocalService(dataDir: string): LocalService | null {
  const holder = liveHolder(dataDir);
  if (!holder) return null;
  const service = readService(path.join(dataDir, SERVICE_FILE));
  return service && service.pid === holder.pid ? service : null;
}

function readService(file: string): LocalService | null {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')) as LocalService;
    return Number.isInteger(s.pid) && typeof s.url === 'string' && typeof s.secret === 'string' ? s : null;
  } catch {
    return null;
  }
}

/** The loopback URL a local client uses for a server listening on `host`; null when loopback cannot reach it. */
export function loopbackUrl(host: string, port: number): string | null {
  if (['::', '0.0.0.0', '127.0.0.1', 'localhost', '::ffff:127.0.0.1'].includes(host)) return `http://127.0.0.1:${port}`;
  if (host === '::1') return `http://[::1]:${port}`;
  return null;
}

/** A failure the service reported for a handed-over task (its code and message). */
export class LocalTaskError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'LocalTaskError';
  }
}

/**
 * Runs `task` in the service: POSTs `body`, passes each progress event to `onProgress` and returns
 * the task's result. Throws LocalTaskError with the service's message when the task fails.
 */
export async function runInService<Result>(
  service: LocalService,
  task: string,
  body: unknown,
  onProgress: (event: Record<string, unknown>) => void = () => undefined,
): Promise<Result> {
  let response: Response;
  try {
    response = await fetch(`${service.url}/v1/local/${task}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [LOCAL_SECRET_HEADER]: service.secret },
      body: JSON.stringify(body),
    });
  } catch (err) {
    throw new Error(
      `the service holding the library (pid ${service.pid}) does not answer at ${service.url} (${(err as Error).message}): ` +
        'wait for it to finish starting, or stop it and run the command again',
    );
  }
  if (!response.ok || !response.body) {
    const text = await response.text();
    let message = text;
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
    } catch {
      // not JSON: show it as it came
    }
    throw new LocalTaskError(`HTTP_${response.status}`, `the service refused the ${task}: ${message}`);
  }
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    pending += decoder.decode(chunk, { stream: true });
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (!line.trim()) continue;
      const event = JSON.parse(line) as { event: string; result?: Result; code?: string; message?: string } & Record<string, unknown>;
      if (event.event === 'progress') onProgress(event);
      else if (event.event === 'result') return event.result as Result;
      else if (event.event === 'error') throw new LocalTaskError(event.code ?? 'INTERNAL', event.message ?? 'the service reported an error');
    }
  }
  throw new Error(`the service (pid ${service.pid}) stopped before the ${task} finished: check its log; what it stored so far stays stored`);
}
