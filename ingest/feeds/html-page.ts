/**
 * A saved HTML page → a document: decode (BOM, meta, CleanEval wrapper, sniffing) → main content →
 * the page's information table kept in extra.pageMeta, where the pipeline's metadata step reads
 * 索引号, 发文机关, 发文字号 and dates from it. The URL comes from the CleanEval wrapper or the
 * canonical link (else the folder's manifest); the site is the URL's host.
 */
import { decodeHtml } from '../decode';
import { attachmentLinks, extractMainContent, MarkupTooDeepError, type ExtractedContent } from '../extract';
import { unexpectedReason } from './read-guards';
import type { FeedItem } from './feed-item';
import { httpUrl } from '../../library/model/http-url';

export interface PageOptions {
  /** The page's path inside the ingested folder: its external id when the page names no URL. */
  relativePath: string;
  /** Site code when neither the page's URL nor the manifest gives one. */
  defaultSite: string;
  /** URL and site the folder's manifest (index.jsonl) lists for this file. */
  hint?: { url?: string | null; site?: string | null };
  /** HTTP Content-Type, when known (its charset is evidence for decoding). */
  contentType?: string;
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", middot: '·', ldquo: '“', rdquo: '”' };

/**
 * The visible lines of a page whose main content the extractor could not find (a list or column
 * page: its content IS the list of titles). Lines without a few letters (menus of single words,
 * separators) are dropped; repeated lines are kept once.
 */
export function visibleLines(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/gu, '')
    .replace(/<(script|style|noscript|template|select)\b[\s\S]*?<\/\1\s*>/giu, '')
    .replace(/<(?:br|\/p|\/div|\/li|\/tr|\/h[1-6]|\/dd|\/dt|\/td|\/a)\b[^>]*>/giu, '\n')
    .replace(/<[^>]+>/gu, ' ')
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/giu, (m, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    });
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+/gu, ' ').trim();
    if ((line.match(/[\p{L}\p{N}]/gu) ?? []).length < 6 || seen.has(line)) continue;
    seen.add(line);
    lines.push(line);
  }
  return lines.join('\n');
}

export function pageToFeedItem(bytes: Uint8Array, source: string, options: PageOptions): FeedItem {
  const decoded = decodeHtml(bytes, { contentTypeHeader: options.contentType });
  const hinted = httpUrl(options.hint?.url, null);
  let content: ExtractedContent;
  try {
    content = extractMainContent(decoded.text);
  } catch (err) {
    // A page too deeply nested (MarkupTooDeepError) or otherwise unreadable: this page, not the run.
    return { source, id: hinted ?? `page:${options.relativePath}`, error: err instanceof MarkupTooDeepError ? err.message : unexpectedReason(err) };
  }
  const url = httpUrl(content.url, hinted) ?? hinted;
  const id = url ?? `page:${options.relativePath}`;
  if (!content.title.trim()) {
    return { source, id, error: 'no title found on the page (no <title>, <h1> or og:title): is it an HTML page?' };
  }
  // No article on the page: a list or column page, indexed by the titles it lists (flagged listPage).
  const listPage = !content.text.trim();
  const body = listPage ? visibleLines(decoded.text) : content.text;
  if (!body.trim()) {
    return { source, id, error: 'no text found on the page (empty, script-rendered or a frameset): save the rendered page' };
  }
  const site = (url ? new URL(url).host.toLowerCase() : null) ?? options.hint?.site ?? options.defaultSite;
  const pageMeta = Object.keys(content.meta).length > 0 ? { pageMeta: content.meta } : {};
  // The page and the files it publishes are one policy (library/documents/attachments.ts).
  const links = listPage ? [] : attachmentLinks(decoded.text, url);
  return {
    source,
    id,
    document: {
      externalId: id,
      siteCode: site,
      url,
      title: content.title,
      body,
      infoType: '其他',
      publishedAt: content.publishedAt,
      extra: {
        kind: 'page',
        page: {
          file: options.relativePath, charset: decoded.charset, charsetSource: decoded.source, declared: decoded.declared,
          ...(listPage ? { listPage: true } : {}),
        },
        ...pageMeta,
        ...(links.length > 0 ? { attachments: links } : {}),
      },
    },
  };
}
