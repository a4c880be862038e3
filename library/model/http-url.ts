/**
 * The one test of a link Zhiwen may store or hand out: an absolute http(s) URL. Ingest uses it for
 * pages' canonical links (resolved against the page's address), search for what leaves the API.
 */

/** `raw` (resolved against `base` when given) as a normalised http(s) URL, or null: missing, another scheme, relative, malformed. */
export function httpUrl(raw: string | null | undefined, base?: string | null): string | null {
  if (!raw) return null;
  try {
    const url = base ? new URL(raw.trim(), base) : new URL(raw.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
