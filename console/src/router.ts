// Hash routes (#/faqs/12?tab=versions): the API serves one HTML page at /console, so any
// console address can be reloaded or bookmarked without server-side routes.

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function currentLocation(): Location {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, query = ''] = raw.split('?', 2);
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(query) };
}

export function hrefOf(path: string, query?: Record<string, string>): string {
  const q = query ? new URLSearchParams(query).toString() : '';
  return `#${path}${q ? `?${q}` : ''}`;
}

/** The page that owns a path: the longest page path that equals it or is a prefix ending at a '/'. */
export function matchPage<P extends { path: string }>(pages: readonly P[], path: string): { page: P; params: string[] } | null {
  let best: P | null = null;
  for (const p of pages) {
    const owns = p.path === '/' ? path === '/' : path === p.path || path.startsWith(`${p.path}/`);
    if (owns && (!best || p.path.length > best.path.length)) best = p;
  }
  if (!best) return null;
  const rest = best.path === '/' ? '' : path.slice(best.path.length);
  return { page: best, params: rest.split('/').filter(Boolean).map(decodeURIComponent) };
}
