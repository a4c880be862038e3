/**
 * Bootstrapping a fresh install from the command line: the first platform admin, a scoped editor,
 * a service token shown once, and the audit log of all of it, on a real embedded library.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveServiceToken, signIn } from '../library/accounts';
import { upsertSite } from '../library/documents/sites';
import { openLibrary } from '../library/store';
import { readConfig } from './config';
import { registerAccountCommands } from './users-command';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhiwen-users-'));
const saved = process.env.ZHIWEN_DATA_DIR;
let printed: string[] = [];
let secrets: string[] = [];

async function zhiwen(...args: string[]): Promise<string[]> {
  printed = [];
  const program = new Command().exitOverride();
  registerAccountCommands(program, { readSecret: async () => secrets.shift() ?? '', print: (l) => printed.push(l) });
  await program.parseAsync(args, { from: 'user' });
  return printed;
}

async function withLibrary<T>(fn: (db: Awaited<ReturnType<typeof openLibrary>>) => Promise<T>): Promise<T> {
  const db = await openLibrary(readConfig().library);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  process.env.ZHIWEN_DATA_DIR = dataDir;
  await withLibrary((db) => upsertSite(db, { code: 'city-a', name: '甲市', level: 'city', regionCode: '330100' }));
});
afterAll(() => {
  if (saved === undefined) delete process.env.ZHIWEN_DATA_DIR;
  else process.env.ZHIWEN_DATA_DIR = saved;
  rmSync(dataDir, { recursive: true, force: true });
});

describe('zhiwen users / tokens / audit', () => {
  it('creates the first admin and a city editor, lists them, and refuses unknown sites and roles', async () => {
    secrets = ['platform owner key 7'];
    expect(await zhiwen('users', 'add', 'admin', '--role', 'platform_admin')).toEqual(['account admin created as platform_admin (platform)']);
    secrets = ['an editor secret 1'];
    expect((await zhiwen('users', 'add', 'li.editor', '--name', '李编辑', '--role', 'editor', '--site', 'city-a'))[0]).toContain('on city-a');
    const list = await zhiwen('users', 'list');
    expect(list.find((l) => l.startsWith('li.editor'))).toMatch(/editor@city-a\s+active\s+李编辑/);
    secrets = ['whatever secret 1'];
    await expect(zhiwen('users', 'add', 'x1', '--role', 'editor', '--site', 'nowhere')).rejects.toMatchObject({ code: 'UNKNOWN_SITE' });
    await expect(zhiwen('users', 'grant', 'li.editor', 'superuser')).rejects.toThrow(/use one of platform_admin/);
    const session = await withLibrary((db) => signIn(db, 'admin', 'platform owner key 7'));
    expect(session.account.grants).toEqual([{ role: 'platform_admin', siteId: null }]);
  });

  it('resets a password from standard input and disables an account', async () => {
    secrets = ['a new editor secret'];
    await zhiwen('users', 'reset-password', 'li.editor');
    await withLibrary(async (db) => {
      await expect(signIn(db, 'li.editor', 'an editor secret 1')).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
      expect((await signIn(db, 'li.editor', 'a new editor secret')).account.username).toBe('li.editor');
    });
    await withLibrary((db) => db.query("UPDATE accounts SET locked_until = now() + interval '10 minutes' WHERE username = 'li.editor'"));
    await withLibrary((db) => expect(signIn(db, 'li.editor', 'a new editor secret')).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' }));
    await zhiwen('users', 'unlock', 'li.editor');
    await zhiwen('users', 'link-oidc', 'li.editor', 'gov-li');
    await withLibrary(async (db) => expect((await signIn(db, 'li.editor', 'a new editor secret')).account.oidcSubject).toBe('gov-li'));
    await zhiwen('users', 'disable', 'li.editor');
    await withLibrary((db) => expect(signIn(db, 'li.editor', 'a new editor secret')).rejects.toMatchObject({ code: 'LOGIN_FAILED' }));
  });

  it('issues a service token once and revokes it; the audit export records every change', async () => {
    const out = await zhiwen('tokens', 'issue', 'city-a pipeline', '--role', 'ingest', '--site', 'city-a', '--days', '30');
    const secret = out[1];
    expect(secret).toMatch(/^zt_/);
    expect((await zhiwen('tokens', 'list')).join('\n')).not.toContain(secret);
    await withLibrary(async (db) => expect((await resolveServiceToken(db, secret)).role).toBe('ingest'));
    await zhiwen('tokens', 'revoke', out[0].match(/token (\d+)/)![1]);
    await withLibrary((db) => expect(resolveServiceToken(db, secret)).rejects.toMatchObject({ code: 'CREDENTIAL_INVALID' }));
    const csv = (await zhiwen('audit', 'export')).join('\n');
    for (const action of ['account.create', 'account.grant', 'account.password_reset', 'account.disable', 'service_token.issue', 'service_token.revoke']) {
      expect(csv).toContain(`,${action},`);
    }
    expect(csv).toMatch(/,cli,[^,]+@[^,]+,/);
    expect(await zhiwen('audit', 'purge', '--days', '1')).toEqual(['audit: 0 entries past retention deleted']);
  });
});
