import type { Command } from 'commander';
import type { JsonlLine } from '../ingest/feeds';
import { importSites, listRegisteredSites, siteRowFrom, SiteResolver, type SiteListRow } from '../library/sites';
import { openLibrary, type Queryable } from '../library/store';
import { readConfig } from './config';

/**
 * `zhiwen sites import <file.csv|file.jsonl>` and `zhiwen sites list`: the site registry that ingest
 * names documents' sites by (README "Register sites" gives the file format).
 *
 * Opens the library itself: on an embedded library that the service holds open, the one-writer lock
 * refuses it (stop the service, or use the admin routes GET/POST /v1/admin/sites).
 */
export function registerSitesCommands(program: Command): void {
  const sites = program.command('sites').description('the site registry (网站标识码, level, parent, 行政区划代码, domains, 栏目)');

  sites
    .command('import')
    .description('register or update sites from a CSV or JSONL list; exits 2 when rows were rejected')
    .argument('<file>', 'a .csv (header row) or .jsonl site list')
    .action(async (file: string) => {
      const { rows, lineOf, unreadable } = await readSiteList(file);
      const db = await openLibrary(readConfig().library);
      try {
        const result = await importSites(db, rows);
        for (const u of unreadable) console.log(`${file} line ${u.lineNumber}: ${u.error}`);
        for (const r of result.rejected) console.log(`${file} line ${lineOf[r.row - 1]}${r.code ? ` (${r.code})` : ''}: ${r.reason}`);
        const rejected = result.rejected.length + unreadable.length;
        console.log(`sites: added ${result.added}, updated ${result.updated}, rejected ${rejected}`);
        if (rejected > 0) process.exitCode = 2;
      } finally {
        await db.close();
      }
    });

  sites
    .command('list')
    .description('registered sites, by code')
    .action(async () => {
      const db = await openLibrary(readConfig().library);
      try {
        const all = await listRegisteredSites(db);
        if (all.length === 0) console.log('no sites: register them with `zhiwen sites import <file>`');
        for (const s of all) {
          console.log([s.code, s.level.padEnd(10), (s.regionCode ?? '-').padEnd(12), (s.parentCode ?? '-').padEnd(10), s.name,
            s.domains.join(',') || '-'].join('  '));
        }
      } finally {
        await db.close();
      }
    });
}

/** ZHIWEN_DEFAULT_SITE: the registered code that documents of unregistered sites are stored under; undefined when unset. */
export function defaultSiteFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.ZHIWEN_DEFAULT_SITE?.trim() || undefined;
}

/**
 * The resolver every CLI write path stores through: the registry, and a default site (a registered
 * code; `defaultSite`, else ZHIWEN_DEFAULT_SITE) for documents whose site is not registered.
 */
export function siteResolverFromEnv(db: Queryable, defaultSite: string | undefined = defaultSiteFromEnv()): SiteResolver {
  return new SiteResolver(db, { defaultSite: defaultSite?.trim() || null });
}

async function readSiteList(file: string): Promise<{ rows: SiteListRow[]; lineOf: number[]; unreadable: JsonlLine[] }> {
  const lower = file.toLowerCase();
  if (!lower.endsWith('.csv') && !lower.endsWith('.jsonl')) {
    throw new Error(`${file}: a site list is a .csv or .jsonl file (see README "Register sites")`);
  }
  const rows: SiteListRow[] = [];
  const lineOf: number[] = [];
  const unreadable: JsonlLine[] = [];
  // The feed readers load only for `sites import`: `zhiwen serve` must not carry them (check-imports).
  const { readCsv, readJsonl } = await import('../ingest/feeds');
  for await (const line of lower.endsWith('.csv') ? readCsv(file) : readJsonl(file)) {
    const v = line.value;
    if (line.error || !v || typeof v !== 'object' || Array.isArray(v)) {
      unreadable.push({ lineNumber: line.lineNumber, error: line.error ?? 'not an object with the site fields' });
      continue;
    }
    rows.push(siteRowFrom(v as Record<string, unknown>));
    lineOf.push(line.lineNumber);
  }
  return { rows, lineOf, unreadable };
}
