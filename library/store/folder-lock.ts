import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ZhiwenError } from '../errors';

/**
 * One process per embedded library. PGlite is single-process: a second process that opens the same
 * data folder sees a stale copy of the catalog and the WAL, and the two corrupt each other (PGlite
 * `Aborted()`, lost documents). The lock is a file created exclusively inside the folder.
 */
export const LOCK_FILE = 'zhiwen.lock';

/** Who holds a data folder, as written in its lock file. */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the holder took the lock. */
  startedAt: string;
  /** The holder's command line (`zhiwen serve`, `zhiwen ingest …`). */
  command: string;
  /** Random per lock: release removes the file only while it is still this lock. */
  token: string;
}

/** A live process holds the data folder: a second opener would corrupt the library. */
export class LibraryLockedError extends ZhiwenError {
  readonly holder: LockHolder | null;

  constructor(dataDir: string, holder: LockHolder | null) {
    const who = holder
      ? `process ${holder.pid} on ${holder.host} (\`${holder.command}\`, since ${holder.startedAt})`
      : 'a process that is still writing its lock file';
    const sameHost = !holder || holder.host === os.hostname();
    const todo = holder?.pid === process.pid
      ? 'this process already has it open: close the first library before opening it again'
      : sameHost
        ? 'wait for it to finish, or stop it (a running `zhiwen serve` takes `zhiwen ingest` and `zhiwen withdraw` itself); ' +
          `if that process is not Zhiwen, delete ${path.join(dataDir, LOCK_FILE)}`
        : `its process cannot be checked from here: stop it there, or delete ${path.join(dataDir, LOCK_FILE)} if that host no longer uses the folder`;
    super('LIBRARY_LOCKED', `the library in ${dataDir} is open in ${who}: ${todo}`, holder ? { ...holder, token: undefined } : undefined);
    this.name = 'LibraryLockedError';
    this.holder = holder;
  }
}

export interface FolderLock {
  readonly dataDir: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

/** Locks this process holds, released by the exit handler if nobody closed them. */
const held = new Set<FolderLock>();
let exitHandlerInstalled = false;

/**
 * Takes the data folder's lock: creates the lock file exclusively; takes over a stale one (its
 * process is dead); throws LibraryLockedError while a live process holds it.
 */
export function lockFolder(dataDir: string): FolderLock {
  const file = path.join(dataDir, LOCK_FILE);
  const holder: LockHolder = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    command: commandLine(),
    token: randomBytes(12).toString('hex'),
  };
  // Three tries: a takeover can race another process's takeover; the loser sees the winner's live lock.
  for (let attempt = 0; attempt < 3; attempt++) {
    if (createExclusive(file, `${JSON.stringify(holder)}\n`)) return remember(dataDir, file, holder);
    const current = readLockFile(file);
    if (current === 'gone') continue;
    if (current === 'unreadable') {
      // Written in the microseconds after its exclusive create, or left empty by a crash there.
      if (ageMs(file) < 5_000) throw new LibraryLockedError(dataDir, null);
    } else if (isLive(current)) {
      throw new LibraryLockedError(dataDir, current);
    }
    takeOverStale(file, current);
  }
  throw new LibraryLockedError(dataDir, holderOf(file));
}

/** The live holder of a data folder, or null when it is free or its lock is stale. */
export function liveHolder(dataDir: string): LockHolder | null {
  const current = holderOf(path.join(dataDir, LOCK_FILE));
  return current && isLive(current) ? current : null;
}

/** Whether a process is alive on this host (EPERM: alive, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isLive(h: LockHolder): boolean {
  // Another host's process cannot be checked: assume it lives (the error says how to clear it).
  return h.host !== os.hostname() || processAlive(h.pid);
}

function createExclusive(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readLockFile(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw err;
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return Number.isInteger(h.pid) && typeof h.host === 'string' ? h : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

function holderOf(file: string): LockHolder | null {
  const current = readLockFile(file);
  return typeof current === 'object' ? current : null;
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Infinity;
  }
}

/**
 * Moves the stale lock aside (rename is atomic: one taker gets it) and checks that what moved is
 * the lock judged stale; a live lock taken by a faster taker in between is put back.
 */
function takeOverStale(file: string, judged: LockHolder | 'unreadable'): void {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const moved = readLockFile(aside);
  const same = judged === 'unreadable' ? moved === 'unreadable' : typeof moved === 'object' && moved.token === judged.token && moved.pid === judged.pid;
  if (!same) {
    try {
      linkSync(aside, file);
    } catch {
      // Someone else locked it meanwhile: their lock stands, ours is retried against it.
    }
  }
  unlinkSync(aside);
}

function remember(dataDir: string, file: string, holder: LockHolder): FolderLock {
  const lock: FolderLock = {
    dataDir,
    holder,
    release() {
      if (!held.delete(lock)) return;
      const current = readLockFile(file);
      if (typeof current === 'object' && current.token === holder.token) unlinkSync(file);
    },
  };
  held.add(lock);
  if (!exitHandlerInstalled) {
    exitHandlerInstalled = true;
    // A process that ends without closing its library (an error, process.exit) leaves no lock
    // behind; one killed outright leaves a stale lock, which the next opener takes over.
    process.on('exit', () => {
      for (const l of [...held]) l.release();
    });
  }
  return lock;
}

function commandLine(): string {
  const args = process.argv.slice(1).map((a, i) => (i === 0 ? path.basename(a) : a));
  return args.join(' ').slice(0, 300) || 'node';
}
