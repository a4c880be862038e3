import { normalizeUrl } from './url-scope';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : null;
}

export interface PageLinks {
  /** Absolute, normalised http(s) links of <a href> and <area href>, in order, without duplicates. */
  links: string[];
  /** <meta name="robots"> says nofollow: the page's links must not be followed. */
  nofollow: boolean;
  /** <meta name="robots"> says noindex: the page must not be stored. */
  noindex: boolean;
}

/** Links and robots meta directives of an HTML page; `<base href>` is honoured. */
export function extractLinks(html: string, pageUrl: string): PageLinks {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '');
  const baseTag = /<base\b[^>]*>/i.exec(withoutComments);
  const base = (baseTag && normalizeUrl(attr(baseTag[0], 'href') ?? '', pageUrl)) || pageUrl;
  let nofollow = false;
  let noindex = false;
  for (const meta of withoutComments.matchAll(/<meta\b[^>]*>/gi)) {
    const name = attr(meta[0], 'name')?.toLowerCase();
    if (name !== 'robots' && name !== 'zhiwenbot') continue;
    const content = (attr(meta[0], 'content') ?? '').toLowerCase();
    if (/\b(nofollow|none)\b/.test(content)) nofollow = true;
    if (/\b(noindex|none)\b/.test(content)) noindex = true;
  }
  const links = new Set<string>();
  for (const tag of withoutComments.matchAll(/<(?:a|area)\b[^>]*>/gi)) {
    const href = attr(tag[0], 'href');
    if (!href || /^\s*(?:javascript|mailto|tel|data):/i.test(href)) continue;
    const url = normalizeUrl(href, base);
    if (url) links.add(url);
  }
  return { links: [...links], nofollow, noindex };
}
