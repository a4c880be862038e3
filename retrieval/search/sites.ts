import { listSites, type SiteRow } from '../../library/documents';
import type { Queryable } from '../../library/store';

/** The platform's site tree, cached in memory (hundreds of rows) for scopes and filters. */
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
