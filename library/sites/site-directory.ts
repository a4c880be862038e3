import { listSites, type SiteRow } from '../documents/sites';
import { zhiwenError } from '../errors';
import type { Queryable } from '../store/db';

/** The id of a registered site by code, read from the database (null for none/the platform); throws UNKNOWN_SITE. */
export async function requireSiteId(db: Queryable, code: string | null | undefined): Promise<number | null> {
  if (code === null || code === undefined || code === '') return null;
  const { rows } = await db.query<{ id: number }>('SELECT id FROM sites WHERE code = $1', [code]);
  if (!rows[0]) throw zhiwenError('UNKNOWN_SITE', code);
  return rows[0].id;
}

/**
 * The platform's site tree, cached in memory (hundreds of rows): the one lookup of sites by code for
 * search scopes, filters, facets, suggestions, answers and hit tests (curation's writes, which need
 * the database's own answer inside their transaction, use requireSiteId). Reloaded by whoever
 * follows the library (retrieval/search's replica, at every sync).
 */
export class SiteDirectory {
  private byCode = new Map<string, SiteRow>();
  private byId = new Map<number, SiteRow>();

  async reload(db: Queryable): Promise<void> {
    const rows = await listSites(db);
    this.byCode = new Map(rows.map((r) => [r.code, r]));
    this.byId = new Map(rows.map((r) => [r.id, r]));
  }

  get(code: string): SiteRow | undefined {
    return this.byCode.get(code);
  }

  /** The site of a code; throws UNKNOWN_SITE (library/errors, one wording for every caller) when none has it. */
  require(code: string): SiteRow {
    const site = this.byCode.get(code);
    if (!site) throw zhiwenError('UNKNOWN_SITE', code);
    return site;
  }

  getById(id: number): SiteRow | undefined {
    return this.byId.get(id);
  }

  /** Site ids inside a region: 330100 (a city) includes 330102, 330106… (its counties). */
  idsInRegion(regionCode: string): Set<number> {
    const prefix = regionPrefix(regionCode);
    return new Set([...this.byId.values()].filter((s) => s.region_code?.startsWith(prefix)).map((s) => s.id));
  }

  idsAtLevel(level: string): Set<number> {
    return new Set([...this.byId.values()].filter((s) => s.level === level).map((s) => s.id));
  }
}

/** 行政区划代码 drop trailing zero pairs: 330000 → 33 (province), 330100 → 3301 (city). */
export function regionPrefix(code: string): string {
  let prefix = code.trim();
  while (prefix.length > 2 && prefix.endsWith('00')) prefix = prefix.slice(0, -2);
  return prefix;
}
