// Site keys on a real embedded library: validation with the fix in the message, rotation's overlap,
// revocation, the audit entries (never a secret), and citizen tokens signed and checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, type Actor } from '../accounts';
import { upsertSite } from '../documents';
import { openLibrary, type Db } from '../store';
import {
  createSiteKey, listSiteKeys, resolveSiteKey, revokeSiteKey, rotateSiteKey, signCitizenToken, siteSigningSecrets, verifyCitizenToken,
} from '.';

const admin: Actor = { kind: 'cli', id: null, name: 'root@test' };
const ORIGIN = 'https://www.city-a.gov.cn';

describe('site keys', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openLibrary();
    await upsertSite(db, { code: 'city-a', name: '甲市', level: 'city', regionCode: '330100' });
    await upsertSite(db, { code: 'dept-x', name: '无区划部门', level: 'department' });
  });
  afterAll(async () => db?.close());

  it('creates a key bound to a site, environment, scope and origins, its secret returned once', async () => {
    const { key, signingSecret } = await createSiteKey(db, admin, { siteCode: 'city-a', environment: 'staging', scope: 'region', origins: [`${ORIGIN}/`, 'HTTPS://M.CITY-A.GOV.CN:443'] });
    expect(key).toMatchObject({ siteCode: 'city-a', environment: 'staging', scope: 'region', origins: [ORIGIN, 'https://m.city-a.gov.cn'], revoked: false, expiresAt: null });
    expect(key.key).toMatch(/^zk_[A-Za-z0-9_-]{24}$/);
    expect(signingSecret).toMatch(/^zks_/);
    expect(JSON.stringify(await listSiteKeys(db, 'city-a'))).not.toContain(signingSecret);
    expect((await resolveSiteKey(db, key.key)).id).toBe(key.id);
    const [entry] = await listAudit(db, { action: 'site_key.create' });
    expect(entry).toMatchObject({ targetId: String(key.id), actor: { name: 'root@test' } });
    expect(JSON.stringify(entry)).not.toContain(signingSecret);
  });

  it('refuses bad input with what to write instead, storing nothing', async () => {
    const before = (await listSiteKeys(db)).length;
    const refused = (input: Parameters<typeof createSiteKey>[2]) => expect(createSiteKey(db, admin, input)).rejects;
    await refused({ siteCode: 'city-a', origins: ['https://www.city-a.gov.cn/search'] }).toThrow(/only scheme:\/\/host\[:port\], e.g. https:\/\/www.city-a.gov.cn/);
    await refused({ siteCode: 'city-a', origins: ['ftp://files.city-a.gov.cn'] }).toThrow(/only http and https/);
    await refused({ siteCode: 'city-a', origins: ['www.city-a.gov.cn'] }).toThrow(/is not a URL/);
    await refused({ siteCode: 'city-a', origins: [] }).toThrow(/at least one origin/);
    await refused({ siteCode: 'city-a', environment: 'Prod!', origins: [ORIGIN] }).toThrow(/lower-case/);
    await refused({ siteCode: 'nowhere', origins: [ORIGIN] }).toMatchObject({ code: 'UNKNOWN_SITE' });
    await refused({ siteCode: 'dept-x', scope: 'region', origins: [ORIGIN] }).toMatchObject({ code: 'SITE_HAS_NO_REGION' });
    await refused({ siteCode: 'city-a', origins: [ORIGIN], expiresInDays: 0 }).toMatchObject({ code: 'BAD_SITE_KEY_INPUT' });
    expect((await listSiteKeys(db)).length).toBe(before);
  });

  it('rotates without downtime: the old key works through the overlap, then stops; revoked keys stop at once', async () => {
    const first = await createSiteKey(db, admin, { siteCode: 'city-a', origins: [ORIGIN] });
    const rotated = await rotateSiteKey(db, admin, first.key.id, { overlapDays: 2 });
    expect(rotated.key).toMatchObject({ siteCode: 'city-a', environment: 'production', scope: 'site', origins: [ORIGIN] });
    expect(rotated.signingSecret).not.toBe(first.signingSecret);
    expect(rotated.previous.replacedBy).toBe(rotated.key.id);
    const hoursLeft = (Date.parse(rotated.previous.expiresAt!) - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(47.9);
    expect(hoursLeft).toBeLessThanOrEqual(48);
    expect((await resolveSiteKey(db, first.key.key)).id).toBe(first.key.id);
    expect((await resolveSiteKey(db, rotated.key.key)).id).toBe(rotated.key.id);
    // Both secrets sign citizen tokens during the overlap, the newest first.
    expect((await siteSigningSecrets(db, first.key.siteId)).slice(0, 2)).toEqual([rotated.signingSecret, first.signingSecret]);
    await expect(rotateSiteKey(db, admin, first.key.id)).rejects.toThrow(/already rotated into key/);

    await db.query("UPDATE site_keys SET expires_at = now() - interval '1 second' WHERE id = $1", [first.key.id]);
    await expect(resolveSiteKey(db, first.key.key)).rejects.toMatchObject({ code: 'SITE_KEY_INVALID' });
    expect(await siteSigningSecrets(db, first.key.siteId)).not.toContain(first.signingSecret);

    await revokeSiteKey(db, admin, rotated.key.id);
    await expect(resolveSiteKey(db, rotated.key.key)).rejects.toMatchObject({ code: 'SITE_KEY_INVALID' });
    await expect(rotateSiteKey(db, admin, rotated.key.id)).rejects.toThrow(/revoked: create a new key/);
    expect((await listAudit(db, { targetKind: 'site_key', targetId: String(rotated.key.id) })).map((e) => e.action)).toEqual(['site_key.revoke']);
    expect((await listAudit(db, { targetKind: 'site_key', targetId: String(first.key.id) })).map((e) => e.action)).toEqual(['site_key.rotate', 'site_key.create']);
  });
});

describe('citizen tokens', () => {
  const secret = 'zks_test-secret';
  const now = 1_800_000_000;
  const token = (claims: Record<string, unknown>, key = secret) => signCitizenToken(key, { site: 'city-a', sub: 'citizen-42', exp: now + 600, ...claims } as never);
  const refusal = (t: string, site = 'city-a') => {
    try {
      verifyCitizenToken(t, [secret], site, now);
      return 'accepted';
    } catch (err) {
      return `${(err as { code: string }).code}: ${(err as Error).message}`;
    }
  };

  it('accepts a token the site signed for itself, for at most an hour', () => {
    expect(verifyCitizenToken(token({ iat: now }), ['zks_other', secret], 'city-a', now)).toEqual({ site: 'city-a', sub: 'citizen-42', exp: now + 600, iat: now });
  });

  it('refuses a wrong signature, another site, an expired or long-lived token, and tampering', () => {
    expect(refusal(token({}, 'zks_wrong'))).toMatch(/^CITIZEN_TOKEN_INVALID: .*signature does not match/);
    expect(refusal(token({}), 'city-b')).toMatch(/signed for site "city-a", not the key's site "city-b"/);
    expect(refusal(token({ exp: now - 120 }))).toMatch(/expired/);
    expect(refusal(token({ exp: now + 7200 }))).toMatch(/longer than 3600 seconds/);
    expect(refusal(token({ sub: '' }))).toMatch(/sub must be/);
    const [h, , s] = token({}).split('.');
    const forged = Buffer.from(JSON.stringify({ site: 'city-a', sub: 'someone-else', exp: now + 600 })).toString('base64url');
    expect(refusal(`${h}.${forged}.${s}`)).toMatch(/signature does not match/);
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    expect(refusal(`${none}.${forged}.`)).toMatch(/only alg HS256/);
    expect(refusal('not a token')).toMatch(/not a JWT/);
  });
});
