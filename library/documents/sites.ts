import type { Queryable } from '../store/db';
import type { SiteLevel } from '../model/document';

export interface SiteInput {
  code: string;
  name: string;
  level?: SiteLevel;
  parentCode?: string | null;
  regionCode?: string | null;
  domains?: string[];
}

export interface SiteRow {
  id: number;
  code: string;
  name: string;
  level: SiteLevel;
  parent_id: number | null;
  region_code: string | null;
  domains: string[];
}

/** Creates or updates a site by its code; returns its id. */
export async function upsertSite(db: Queryable, site: SiteInput): Promise<number> {
  const parent = site.parentCode
    ? (await db.query<{ id: number }>('SELECT id FROM sites WHERE code = $1', [site.parentCode])).rows[0]?.id
    : null;
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO sites (code, name, level, parent_id, region_code, domains)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
       parent_id = EXCLUDED.parent_id, region_code = EXCLUDED.region_code, domains = EXCLUDED.domains
     RETURNING id`,
    [site.code, site.name, site.level ?? 'department', parent ?? null, site.regionCode ?? null, site.domains ?? []],
  );
  return rows[0].id;
}

/**
 * The id of a site by code, creating a bare department-level site the first time a code is seen.
 * Only for trusted writers (tests, the sample loader): ingest names sites through the registry
 * (library/sites SiteResolver, passed to the LibraryWriter), which never creates one.
 */
export async function siteIdFor(db: Queryable, code: string): Promise<number> {
  const existing = await db.query<{ id: number }>('SELECT id FROM sites WHERE code = $1', [code]);
  if (existing.rows[0]) return existing.rows[0].id;
  return upsertSite(db, { code, name: code });
}

export async function listSites(db: Queryable): Promise<SiteRow[]> {
  const { rows } = await db.query<SiteRow>(
    'SELECT id, code, name, level, parent_id, region_code, domains FROM sites ORDER BY id',
  );
  return rows;
}
