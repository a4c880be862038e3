/**
 * The formats of a site's identifiers, in one place (import, admin routes and ingest all use these).
 * 网站标识码: ten characters of digits and uppercase letters (the national 政府网站标识码 format;
 * the sample city's codes, e.g. 9901000001, are ten digits). 行政区划代码: six digits (county level
 * and above, e.g. 621200 陇南市) or twelve (township and village level).
 */
export const SITE_LEVELS = ['province', 'city', 'county', 'department'] as const;
export type RegisteredSiteLevel = (typeof SITE_LEVELS)[number];

const SITE_CODE = /^[0-9A-Z]{10}$/;
const REGION_CODE = /^(\d{6}|\d{12})$/;
/** A host name: dot-separated labels of letters, digits and inner hyphens, at least two labels. */
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `code` is not a 网站标识码, or null when it is one. */
export function siteCodeProblem(code: string): string | null {
  if (SITE_CODE.test(code)) return null;
  return `site code "${clip(code)}" is not a 网站标识码: use 10 digits or uppercase letters, e.g. 9901000001`;
}

/** Why `region` is not a 行政区划代码, or null when it is one. */
export function regionCodeProblem(region: string): string | null {
  if (REGION_CODE.test(region)) return null;
  return `region code "${clip(region)}" is not a 行政区划代码: use 6 digits (e.g. 621200) or 12`;
}

/** Why `domain` is not a host name, or null when it is one (compare lower-cased). */
export function domainProblem(domain: string): string | null {
  if (DOMAIN.test(domain)) return null;
  return `domain "${clip(domain)}" is not a host name: use e.g. www.example-city.gov.cn, without scheme, port or path`;
}

/** The host of a URL or host string, lower-cased, without port or trailing dot; null when there is none. */
export function hostOf(urlOrHost: string): string | null {
  const text = urlOrHost.trim().toLowerCase();
  if (!text) return null;
  try {
    const host = text.includes('://') ? new URL(text).hostname : new URL(`http://${text}`).hostname;
    return host.replace(/\.$/, '') || null;
  } catch {
    return null;
  }
}

/** The host and each parent domain of it with at least two labels: a.b.gov.cn → a.b.gov.cn, b.gov.cn, gov.cn. */
export function domainAndParents(host: string): string[] {
  const labels = host.split('.');
  const out: string[] = [];
  for (let i = 0; i + 2 <= labels.length; i++) out.push(labels.slice(i).join('.'));
  return out;
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}
