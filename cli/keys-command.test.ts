// `zhiwen keys` on a real embedded library: create (secret printed once), list, rotate with overlap, revoke.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertSite } from '../library/documents/sites';
import { listSiteKeys, resolveSiteKey } from '../library/site-keys';
import { openLibrary } from '../library/store';
import { readConfig } from './config';
import { registerKeyCommands } from './keys-command';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'zhiwen-keys-'));
const saved = process.env.ZHIWEN_DATA_DIR;

async function zhiwen(...args: string[]): Promise<string[]> {
  const printed: string[] = [];
  const program = new Command().exitOverride();
  registerKeyCommands(program, { print: (l) => printed.push(l) });
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

describe('zhiwen keys', () => {
  it('creates, lists, rotates and revokes a site key', async () => {
    const created = await zhiwen('keys', 'create', 'city-a', '--origin', 'https://www.city-a.gov.cn', '--origin', 'https://m.city-a.gov.cn', '--env', 'staging');
    expect(created[0]).toMatch(/^key (\d+) for city-a \(staging, scope site\): zk_/);
    expect(created[2]).toMatch(/not shown again/);
    expect(created[3]).toMatch(/^zks_/);
    const id = /^key (\d+)/.exec(created[0])![1];
    const list = await zhiwen('keys', 'list', '--site', 'city-a');
    expect(list).toHaveLength(1);
    expect(list[0]).toMatch(/city-a\s+staging\s+site\s+zk_\S+\s+active\s+https:\/\/www.city-a.gov.cn https:\/\/m.city-a.gov.cn/);
    expect(list.join('\n')).not.toContain(created[3]);

    const rotated = await zhiwen('keys', 'rotate', id, '--overlap-days', '3');
    expect(rotated.at(-1)).toMatch(new RegExp(`^old key ${id} keeps working until \\d{4}-`));
    const keys = await withLibrary((db) => listSiteKeys(db, 'city-a'));
    expect(keys.map((k) => k.replacedBy)).toEqual([null, keys[0].id]);
    await withLibrary(async (db) => expect((await resolveSiteKey(db, keys[1].key)).id).toBe(Number(id)));

    expect(await zhiwen('keys', 'revoke', id)).toEqual([`key ${id} (city-a, staging) revoked: refused from now on`]);
    await withLibrary((db) => expect(resolveSiteKey(db, keys[1].key)).rejects.toMatchObject({ code: 'SITE_KEY_INVALID' }));
  });

  it('refuses bad options with what to write instead', async () => {
    await expect(zhiwen('keys', 'create', 'city-a', '--origin', 'https://x.gov.cn', '--scope', 'world')).rejects.toThrow(/use one of site, region, platform/);
    await expect(zhiwen('keys', 'create', 'nowhere', '--origin', 'https://x.gov.cn')).rejects.toMatchObject({ code: 'UNKNOWN_SITE' });
    await expect(zhiwen('keys', 'rotate', '1', '--overlap-days', 'soon')).rejects.toThrow(/not a whole number/);
  });
});
