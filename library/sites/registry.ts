/**
 * The site registry: which sites the platform serves (网站标识码, name, level, parent, 行政区划代码,
 * domains, 栏目). Ingest names a document's site by a registered code or domain (see site-resolver.ts);
 * nothing outside this file creates a registered site.
 */
import type { Queryable, Db } from '../store/db';
import {
  SITE_LEVELS, domainAndParents, domainProblem, hostOf, regionCodeProblem, siteCodeProblem, type RegisteredSiteLevel,
} from './site-rules';

/** One row of a site list (CSV or JSONL file, or the admin route's JSON array). */
export interface SiteListRow {
  code?: unknown;
  name?: unknown;
  level?: unknown;
  /** The parent site's code; the parent may be registered already or come later in the same list. */
  parentCode?: unknown;
  regionCode?: unknown;
  /** An array, or one string separated by `;`, `,`, `|` or spaces (CSV). */
  domains?: unknown;
  /** 栏目 paths, e.g. 政务公开/政策文件: an array, or one string separated by `;` or `|`. */
  columns?: unknown;
}

export interface RegisteredSite {
  code: string;
  name: string;
  level: RegisteredSiteLevel;
  parentCode: string | null;
  regionCode: string | null;
  domains: string[];
  columns: string[];
}

export interface SiteRejection {
  /** 1-based position in the list (the CLI adds the file's line). */
  row: number;
  code: string | null;
  reason: string;
}

export interface SiteImportResult {
  added: number;
  updated: number;
  rejected: SiteRejection[];
}

/** Field names accepted for each field (CSV headers are often Chinese or snake_case). */
const FIELD_ALIASES: Record<keyof SiteListRow, string[]> = {
  code: ['code', 'site_code', 'siteCode', '网站标识码'],
  name: ['name', 'site_name', '网站名称', '名称'],
  level: ['level', '级别', '层级'],
  parentCode: ['parentCode', 'parent_code', 'parent', '上级网站标识码', '上级'],
  regionCode: ['regionCode', 'region_code', 'region', '行政区划代码'],
  domains: ['domains', 'domain', '域名'],
  columns: ['columns', 'column', '栏目'],
};

/** Renames a raw object's fields (any accepted alias) to SiteListRow's names. */
export function siteRowFrom(raw: Record<string, unknown>): SiteListRow {
  const row: SiteListRow = {};
  for (const [field, aliases] of Object.entries(FIELD_ALIASES) as Array<[keyof SiteListRow, string[]]>) {
    const key = aliases.find((a) => raw[a] !== undefined && raw[a] !== null && raw[a] !== '');
    if (key !== undefined) row[field] = raw[key];
  }
  return row;
}

/** A row checked on its own (formats); the parent is checked against the whole list in importSites. */
export function validateSiteRow(row: SiteListRow): RegisteredSite | string {
  const code = text(row.code);
  if (!code) return 'code (网站标识码) is missing';
  const codeProblem = siteCodeProblem(code);
  if (codeProblem) return codeProblem;
  const name = text(row.name);
  if (!name) return 'name is missing';
  if (name.length > 200) return 'name is longer than 200 characters';
  const level = text(row.level) ?? 'department';
  if (!(SITE_LEVELS as readonly string[]).includes(level)) return `level "${level.slice(0, 30)}" is not one of ${SITE_LEVELS.join(', ')}`;
  const parentCode = text(row.parentCode);
  if (parentCode) {
    const problem = siteCodeProblem(parentCode);
    if (problem) return `parent: ${problem}`;
    if (parentCode === code) return 'a site cannot be its own parent';
  }
  const regionCode = text(row.regionCode);
  if (regionCode) {
    const problem = regionCodeProblem(regionCode);
    if (problem) return problem;
  }
  const domains: string[] = [];
  for (const d of list(row.domains, /[;,|\s]+/)) {
    const host = d.toLowerCase();
    const problem = domainProblem(host);
    if (problem) return problem;
    if (!domains.includes(host)) domains.push(host);
  }
  const columns = [...new Set(list(row.columns, /[;|]+/))];
  const longColumn = columns.find((c) => c.length > 200);
  if (longColumn) return `column "${longColumn.slice(0, 40)}…" is longer than 200 characters`;
  return { code, name, level: level as RegisteredSiteLevel, parentCode: parentCode ?? null, regionCode: regionCode ?? null, domains, columns };
}

/**
 * Validates every row and upserts the good ones in one transaction (by code: a registered site is
 * updated). A row is rejected, with its reason, when its format is wrong, its code appears twice in
 * the list, a domain belongs to another site, or its parent is neither registered nor in the list.
 */
export async function importSites(db: Db, rows: SiteListRow[]): Promise<SiteImportResult> {
  const result: SiteImportResult = { added: 0, updated: 0, rejected: [] };
  const good: Array<{ row: number; site: RegisteredSite }> = [];
  const seen = new Map<string, number>();
  rows.forEach((raw, i) => {
    const checked = validateSiteRow(raw);
    const code = typeof raw.code === 'string' ? raw.code.trim().slice(0, 60) || null : null;
    if (typeof checked === 'string') return result.rejected.push({ row: i + 1, code, reason: checked });
    const first = seen.get(checked.code);
    if (first !== undefined) return result.rejected.push({ row: i + 1, code, reason: `code ${checked.code} is given twice (first in row ${first}): keep one row per site` });
    seen.set(checked.code, i + 1);
    good.push({ row: i + 1, site: checked });
  });
  await db.transaction(async (tx) => {
    const registered = await registeredCodes(tx);
    const domainOwner = new Map<string, string>();
    for (const s of await listRegisteredSites(tx)) for (const d of s.domains) domainOwner.set(d, s.code);
    // A parent must be registered or accepted in this list; rejecting a row can orphan its children, so repeat.
    let accepted = good;
    for (;;) {
      const codes = new Set(accepted.map((g) => g.site.code));
      const orphans = accepted.filter((g) => g.site.parentCode && !codes.has(g.site.parentCode) && !registered.has(g.site.parentCode));
      if (orphans.length === 0) break;
      for (const o of orphans) {
        result.rejected.push({ row: o.row, code: o.site.code, reason: `parent ${o.site.parentCode} is not registered and not in this list: add the parent's row` });
      }
      accepted = accepted.filter((g) => !orphans.includes(g));
    }
    const claimed = new Map<string, string>();
    accepted = accepted.filter((g) => {
      for (const d of g.site.domains) {
        const owner = claimed.get(d) ?? domainOwner.get(d);
        if (owner && owner !== g.site.code) {
          result.rejected.push({ row: g.row, code: g.site.code, reason: `domain ${d} belongs to site ${owner}: a domain names one site` });
          return false;
        }
      }
      for (const d of g.site.domains) claimed.set(d, g.site.code);
      return true;
    });
    // Parents first: insert every site without its parent, then set parents once all exist.
    for (const { site } of accepted) {
      const { rows: written } = await tx.query<{ inserted: boolean }>(
        `INSERT INTO sites (code, name, level, region_code, domains) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level,
           region_code = EXCLUDED.region_code, domains = EXCLUDED.domains
         RETURNING (xmax = 0) AS inserted`,
        [site.code, site.name, site.level, site.regionCode, site.domains],
      );
      if (written[0].inserted) result.added++;
      else result.updated++;
      for (const path of site.columns) {
        await tx.query(
          `INSERT INTO site_columns (site_id, path) SELECT id, $2 FROM sites WHERE code = $1
           ON CONFLICT (site_id, path) DO NOTHING`,
          [site.code, path],
        );
      }
    }
    for (const { site } of accepted) {
      await tx.query(
        'UPDATE sites SET parent_id = (SELECT id FROM sites p WHERE p.code = $2) WHERE code = $1',
        [site.code, site.parentCode],
      );
    }
  });
  result.rejected.sort((a, b) => a.row - b.row);
  return result;
}

/** Every site in the library (registered or left by older ingests), by code. */
export async function listRegisteredSites(db: Queryable): Promise<RegisteredSite[]> {
  const { rows } = await db.query<{
    code: string; name: string; level: RegisteredSiteLevel; parent_code: string | null; region_code: string | null;
    domains: string[]; columns: string[] | null;
  }>(
    `SELECT s.code, s.name, s.level, p.code AS parent_code, s.region_code, s.domains,
       (SELECT array_agg(c.path ORDER BY c.path) FROM site_columns c WHERE c.site_id = s.id) AS columns
     FROM sites s LEFT JOIN sites p ON p.id = s.parent_id ORDER BY s.code`,
  );
  return rows.map((r) => ({
    code: r.code, name: r.name, level: r.level, parentCode: r.parent_code, regionCode: r.region_code,
    domains: r.domains, columns: r.columns ?? [],
  }));
}

/** The site with this code, or null. */
export async function findSite(db: Queryable, code: string): Promise<RegisteredSite | null> {
  return (await listRegisteredSites(db)).find((s) => s.code === code) ?? null;
}

/** The site whose registered domain is this host or one of its parent domains (the longest match wins). */
export async function findSiteByDomain(db: Queryable, urlOrHost: string): Promise<RegisteredSite | null> {
  const host = hostOf(urlOrHost);
  if (!host) return null;
  const sites = await listRegisteredSites(db);
  for (const candidate of domainAndParents(host)) {
    const site = sites.find((s) => s.domains.includes(candidate));
    if (site) return site;
  }
  return null;
}

async function registeredCodes(db: Queryable): Promise<Set<string>> {
  const { rows } = await db.query<{ code: string }>('SELECT code FROM sites');
  return new Set(rows.map((r) => r.code));
}

function text(v: unknown): string | undefined {
  if (typeof v === 'number') return String(v);
  if (typeof v !== 'string') return undefined;
  return v.trim() || undefined;
}

function list(v: unknown, separator: RegExp): string[] {
  const items = Array.isArray(v) ? v : typeof v === 'string' ? v.split(separator) : [];
  return items.filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter(Boolean);
}
