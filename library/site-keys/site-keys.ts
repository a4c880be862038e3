import { randomBytes } from 'node:crypto';
import { recordAudit, type Actor } from '../accounts/audit-log';
import { ZhiwenError, zhiwenError } from '../errors';
import type { Db, Queryable } from '../store/db';

/** How far a key lets a widget search: its site, its site's region, or the whole platform. */
export const KEY_SCOPES = ['site', 'region', 'platform'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

/** Days an old key keeps working after a rotation unless told otherwise: a week to redeploy the pages. */
export const DEFAULT_ROTATION_OVERLAP_DAYS = 7;
/** The most origins one key may list (a site's www, m., and a few staging hosts). */
export const MAX_ORIGINS = 50;

export interface SiteKey {
  id: number;
  /** The public key itself (zk_…), as the widget's site-key attribute gives it. */
  key: string;
  siteId: number;
  siteCode: string;
  /** The site's 行政区划代码: what a region-scoped key searches within. */
  siteRegion: string | null;
  environment: string;
  scope: KeyScope;
  /** Browser origins (scheme://host[:port]) allowed to use it. */
  origins: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  revoked: boolean;
  /** The key that replaced this one in a rotation. */
  replacedBy: number | null;
}

export interface NewSiteKey {
  siteCode: string;
  /** e.g. production, staging (lower case, 1–32 characters); default production. */
  environment?: string;
  /** Default: site. */
  scope?: KeyScope;
  origins: string[];
  /** Days until it stops working (1–3650); default never. */
  expiresInDays?: number;
}

interface KeyRow {
  id: number; key: string; site_id: number; site_code: string; site_region: string | null; environment: string; scope: KeyScope;
  origins: string[]; created_by: string; created_at: Date; expires_at: Date | null; revoked_at: Date | null; replaced_by: number | null;
}

const SELECT = `SELECT k.*, s.code AS site_code, s.region_code AS site_region FROM site_keys k JOIN sites s ON s.id = k.site_id`;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
const toKey = (r: KeyRow): SiteKey => ({
  id: r.id, key: r.key, siteId: r.site_id, siteCode: r.site_code, siteRegion: r.site_region, environment: r.environment, scope: r.scope,
  origins: r.origins, createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString(), expiresAt: iso(r.expires_at),
  revoked: r.revoked_at !== null, replacedBy: r.replaced_by,
});
/** What the audit log keeps of a key (never its signing secret). */
const audited = (k: SiteKey) => ({ key: k.key, site: k.siteCode, environment: k.environment, scope: k.scope, origins: k.origins, expiresAt: k.expiresAt, revoked: k.revoked });

const bad = (message: string) => new ZhiwenError('BAD_SITE_KEY_INPUT', message);

/** An origin as browsers send it: http(s), host, port only when not the default; anything else is refused with the fix. */
export function normalizeOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw bad(`origin "${value}" is not a URL: write it as https://www.example.gov.cn (scheme, host, optional port)`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad(`origin "${value}": only http and https pages embed the widget`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash || url.username || url.password) {
    throw bad(`origin "${value}" has a path, query or user: an origin is only scheme://host[:port], e.g. ${url.origin}`);
  }
  return url.origin;
}

function checkOrigins(origins: readonly string[]): string[] {
  if (!Array.isArray(origins) || origins.length === 0) throw bad('give at least one origin the widget runs on, e.g. https://www.example.gov.cn');
  if (origins.length > MAX_ORIGINS) throw bad(`a key lists at most ${MAX_ORIGINS} origins, got ${origins.length}: make one key per environment`);
  return [...new Set(origins.map(normalizeOrigin))];
}

function checkEnvironment(value: string | undefined): string {
  const env = value ?? 'production';
  if (!/^[a-z][a-z0-9-]{0,31}$/.test(env)) throw bad(`environment "${env}": use lower-case letters, digits and -, e.g. production or staging`);
  return env;
}

function checkDays(name: string, days: number | undefined, min: number, max: number): void {
  if (days !== undefined && !(Number.isInteger(days) && days >= min && days <= max)) {
    throw bad(`${name} must be a whole number of days from ${min} to ${max}, got ${String(days)}`);
  }
}

const newKey = () => `zk_${randomBytes(18).toString('base64url')}`;
const newSigningSecret = () => `zks_${randomBytes(32).toString('base64url')}`;

async function siteOf(db: Queryable, code: string): Promise<{ id: number; region_code: string | null }> {
  const { rows } = await db.query<{ id: number; region_code: string | null }>('SELECT id, region_code FROM sites WHERE code = $1', [code]);
  if (!rows[0]) throw zhiwenError('UNKNOWN_SITE', code);
  return rows[0];
}

async function keyById(db: Queryable, id: number): Promise<SiteKey> {
  const { rows } = await db.query<KeyRow>(`${SELECT} WHERE k.id = $1`, [id]);
  if (!rows[0]) throw new ZhiwenError('NOT_FOUND', `no site key with id ${id}`);
  return toKey(rows[0]);
}

async function insertKey(tx: Queryable, actor: Actor, k: { siteId: number; environment: string; scope: KeyScope; origins: string[]; expiresInDays?: number }) {
  const signingSecret = newSigningSecret();
  const { rows } = await tx.query<{ id: number }>(
    `INSERT INTO site_keys (key, site_id, environment, scope, origins, signing_secret, created_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8::int IS NULL THEN NULL ELSE now() + make_interval(days => $8::int) END) RETURNING id`,
    [newKey(), k.siteId, k.environment, k.scope, k.origins, signingSecret, actor.name, k.expiresInDays ?? null],
  );
  return { key: await keyById(tx, rows[0].id), signingSecret };
}

/**
 * Creates a key for a site; `signingSecret` (zks_…, for signing citizen tokens on the site's backend)
 * is returned this once and never shown again.
 */
export async function createSiteKey(db: Db, actor: Actor, input: NewSiteKey): Promise<{ key: SiteKey; signingSecret: string }> {
  const environment = checkEnvironment(input.environment);
  const scope = input.scope ?? 'site';
  if (!KEY_SCOPES.includes(scope)) throw bad(`scope "${String(scope)}": use one of ${KEY_SCOPES.join(', ')}`);
  const origins = checkOrigins(input.origins);
  checkDays('expiresInDays', input.expiresInDays, 1, 3650);
  return db.transaction(async (tx) => {
    const site = await siteOf(tx, input.siteCode);
    if (scope === 'region' && !site.region_code) throw zhiwenError('SITE_HAS_NO_REGION', input.siteCode);
    const made = await insertKey(tx, actor, { siteId: site.id, environment, scope, origins, expiresInDays: input.expiresInDays });
    await recordAudit(tx, actor, { action: 'site_key.create', targetKind: 'site_key', targetId: made.key.id, siteId: site.id, after: audited(made.key) });
    return made;
  });
}

export interface Rotation {
  /** Days the old key keeps working (0–90; default 7), so pages can move to the new key without downtime. */
  overlapDays?: number;
  /** New allowed origins; default the old key's. */
  origins?: string[];
}

/**
 * Replaces a key by a new one (same site, environment and scope; a new signing secret, shown once).
 * The old key keeps working until the overlap ends (or its own earlier expiry), or until revoked.
 */
export async function rotateSiteKey(db: Db, actor: Actor, id: number, rotation: Rotation = {}): Promise<{ key: SiteKey; signingSecret: string; previous: SiteKey }> {
  const overlap = rotation.overlapDays ?? DEFAULT_ROTATION_OVERLAP_DAYS;
  checkDays('overlapDays', overlap, 0, 90);
  const origins = rotation.origins === undefined ? undefined : checkOrigins(rotation.origins);
  return db.transaction(async (tx) => {
    const old = await keyById(tx, id);
    if (old.revoked) throw new ZhiwenError('BAD_TRANSITION', `site key ${id} is revoked: create a new key instead of rotating it`);
    if (old.replacedBy !== null) throw new ZhiwenError('BAD_TRANSITION', `site key ${id} was already rotated into key ${old.replacedBy}: rotate that one`);
    const made = await insertKey(tx, actor, { siteId: old.siteId, environment: old.environment, scope: old.scope, origins: origins ?? old.origins });
    await tx.query(
      `UPDATE site_keys SET replaced_by = $2, expires_at = LEAST(coalesce(expires_at, 'infinity'), now() + make_interval(days => $3::int)) WHERE id = $1`,
      [id, made.key.id, overlap],
    );
    const previous = await keyById(tx, id);
    await recordAudit(tx, actor, { action: 'site_key.rotate', targetKind: 'site_key', targetId: id, siteId: old.siteId, before: audited(old), after: { ...audited(previous), replacedBy: audited(made.key) } });
    return { ...made, previous };
  });
}

export async function revokeSiteKey(db: Db, actor: Actor, id: number): Promise<SiteKey> {
  return db.transaction(async (tx) => {
    const before = await keyById(tx, id);
    await tx.query('UPDATE site_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1', [id]);
    const after = await keyById(tx, id);
    await recordAudit(tx, actor, { action: 'site_key.revoke', targetKind: 'site_key', targetId: id, siteId: before.siteId, before: audited(before), after: audited(after) });
    return after;
  });
}

/** A site's keys (all sites when siteCode is omitted), newest first, revoked and expired ones included. */
export async function listSiteKeys(db: Queryable, siteCode?: string): Promise<SiteKey[]> {
  const { rows } = siteCode === undefined
    ? await db.query<KeyRow>(`${SELECT} ORDER BY k.id DESC`)
    : await db.query<KeyRow>(`${SELECT} WHERE s.code = $1 ORDER BY k.id DESC`, [siteCode]);
  return rows.map(toKey);
}

export async function getSiteKey(db: Queryable, id: number): Promise<SiteKey> {
  return keyById(db, id);
}

/** The key a request names, when it is usable now (neither revoked nor expired); SITE_KEY_INVALID otherwise. */
export async function resolveSiteKey(db: Queryable, key: string): Promise<SiteKey> {
  if (!/^zk_[A-Za-z0-9_-]{16,64}$/.test(key)) throw zhiwenError('SITE_KEY_INVALID');
  const { rows } = await db.query<KeyRow>(
    `${SELECT} WHERE k.key = $1 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`, [key],
  );
  if (!rows[0]) throw zhiwenError('SITE_KEY_INVALID');
  return toKey(rows[0]);
}

/**
 * The signing secrets a site's citizen tokens may be signed with now: those of its usable keys, so a
 * backend still signing with the old key's secret keeps working through a rotation's overlap.
 */
export async function siteSigningSecrets(db: Queryable, siteId: number): Promise<string[]> {
  const { rows } = await db.query<{ signing_secret: string }>(
    'SELECT signing_secret FROM site_keys WHERE site_id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) ORDER BY id DESC',
    [siteId],
  );
  return rows.map((r) => r.signing_secret);
}
