import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LibraryLockedError, LOCK_FILE } from './folder-lock';
import { openLibrary } from './open';

const root = mkdtempSync(path.join(os.tmpdir(), 'zhiwen-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const freshDir = (name: string) => path.join(root, name);

const lockOf = (pid: number, command: string) =>
  JSON.stringify({ pid, host: os.hostname(), startedAt: new Date().toISOString(), command, token: 'other' });

describe('one process per embedded library (the data folder lock)', () => {
  it('a second opener in this process gets LibraryLockedError; close releases the folder', async () => {
    const dir = freshDir('same-process');
    const db = await openLibrary({ dataDir: dir });
    await expect(openLibrary({ dataDir: dir })).rejects.toThrow(/already has it open/);
    await db.close();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
    const again = await openLibrary({ dataDir: dir });
    await again.close();
  });

  it('a live holder in another process makes the opener fail, naming the holder and what to do', async () => {
    const dir = freshDir('other-process');
    await (await openLibrary({ dataDir: dir })).close();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
    try {
      writeFileSync(path.join(dir, LOCK_FILE), lockOf(holder.pid!, 'zhiwen serve'));
      const err = await openLibrary({ dataDir: dir }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(LibraryLockedError);
      expect((err as LibraryLockedError).code).toBe('LIBRARY_LOCKED');
      expect((err as Error).message).toContain(`process ${holder.pid}`);
      expect((err as Error).message).toContain('`zhiwen serve`');
      expect((err as Error).message).toContain('stop it');
      // The holder's lock is left alone.
      expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(holder.pid);
    } finally {
      holder.kill('SIGKILL');
    }
  });

  it('a stale lock (its process is dead) is taken over and released on close', async () => {
    const dir = freshDir('stale');
    await (await openLibrary({ dataDir: dir })).close();
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(path.join(dir, LOCK_FILE), lockOf(Number(dead.stdout), 'zhiwen ingest feed.jsonl'));
    const db = await openLibrary({ dataDir: dir });
    expect(JSON.parse(readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    await db.close();
    expect(existsSync(path.join(dir, LOCK_FILE))).toBe(false);
  });

  it('a library in memory takes no lock', async () => {
    const a = await openLibrary();
    const b = await openLibrary();
    await Promise.all([a.close(), b.close()]);
  });
});
