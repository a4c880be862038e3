import type { Queryable } from '../store/db';
import { domainAndParents, hostOf } from './site-rules';

export interface SiteResolverOptions {
  /**
   * A registered site code for documents whose site is neither a registered code nor a registered
   * domain (ZHIWEN_DEFAULT_SITE). Default none: such documents are rejected with the reason.
   */
  defaultSite?: string | null;
}

export type SiteResolution = { code: string } | { reason: string };

/**
 * Names a document's site from what its feed or page says (a 网站标识码, a host, a URL) by the
 * registry: a registered code, else the site of a registered domain (the host or a parent domain),
 * else the configured default site, else a rejection. Never creates a site. The registry is read
 * once per resolver; a run that imports sites uses a new resolver.
 */
export class SiteResolver {
  private registry: Promise<{ codes: Set<string>; domains: Map<string, string> }> | null = null;

  constructor(private readonly db: Queryable, private readonly options: SiteResolverOptions = {}) {}

  async resolve(named: string | null | undefined): Promise<SiteResolution> {
    const { codes, domains } = await this.load();
    const name = named?.trim() ?? '';
    if (codes.has(name)) return { code: name };
    const host = name ? hostOf(name) : null;
    if (host) {
      for (const candidate of domainAndParents(host)) {
        const code = domains.get(candidate);
        if (code) return { code };
      }
    }
    const fallback = this.options.defaultSite;
    if (fallback) {
      if (codes.has(fallback)) return { code: fallback };
      return { reason: `the default site ${fallback} (ZHIWEN_DEFAULT_SITE) is not registered: import it with \`zhiwen sites import\`` };
    }
    const shown = name ? name.slice(0, 80) : '(none)';
    return { reason: `site ${shown} is not registered: import it with \`zhiwen sites import\`, or set ZHIWEN_DEFAULT_SITE` };
  }

  private load() {
    this.registry ??= this.db.query<{ code: string; domains: string[] }>('SELECT code, domains FROM sites').then(({ rows }) => ({
      codes: new Set(rows.map((r) => r.code)),
      domains: new Map(rows.flatMap((r) => r.domains.map((d) => [d.toLowerCase(), r.code] as const))),
    }));
    return this.registry;
  }
}
