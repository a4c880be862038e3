import type { AttachmentLink } from '../../library/documents';
import { httpUrl } from '../../library/model/http-url';

/** What government pages publish as 附件: the formats the attachment reader takes (ingest/attachments). */
const ATTACHMENT_PATH = /\.(?:pdf|docx?|wps|ofd|xlsx?|et|pptx?|dps|rtf|jpe?g|png|tiff?)$/i;
/** A page listing hundreds of files is an index page, not one policy with its attachments. */
export const MAX_ATTACHMENT_LINKS = 50;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decodeEntities = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });

function hrefOf(tag: string): string | null {
  const m = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3] ?? '') : null;
}

function fileName(url: string): string {
  const last = new URL(url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * The attachments a page links (附件1：….pdf, the scanned original, the .doc): absolute http(s)
 * addresses of links whose path ends in an attachment format, each with its link text (else the file
 * name), in page order, without duplicates. A page without an address resolves only absolute links.
 */
export function attachmentLinks(html: string, pageUrl: string | null): AttachmentLink[] {
  const source = html.replace(/<!--[\s\S]*?-->/g, '');
  const baseHref = /<base\b[^>]*>/i.exec(source);
  const base = (baseHref && httpUrl(hrefOf(baseHref[0]), pageUrl)) || pageUrl || undefined;
  const out = new Map<string, string>();
  for (const m of source.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a\s*>/gi)) {
    const href = hrefOf(m[1]);
    if (!href) continue;
    let url: URL;
    try {
      url = new URL(href.trim(), base);
    } catch {
      continue;
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !ATTACHMENT_PATH.test(url.pathname)) continue;
    url.hash = '';
    const address = url.toString();
    if (out.has(address)) continue;
    const text = decodeEntities(m[2].replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
    out.set(address, (text || fileName(address)).slice(0, 200));
    if (out.size >= MAX_ATTACHMENT_LINKS) break;
  }
  return [...out].map(([url, title]) => ({ url, title }));
}

/** The attachment links a page document carries in `extra.attachments` (set by the page reader). */
export function attachmentLinksIn(extra: Record<string, unknown> | undefined): AttachmentLink[] | undefined {
  const links = extra?.attachments;
  if (!Array.isArray(links)) return undefined;
  return links.filter((l): l is AttachmentLink => typeof l?.url === 'string' && typeof l?.title === 'string');
}
