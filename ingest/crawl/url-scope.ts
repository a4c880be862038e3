/** Canonical form of a crawlable URL: http(s) only, no fragment; null for anything else. */
export function normalizeUrl(href: string, base?: string): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  if (!url.pathname) url.pathname = '/';
  return url.toString();
}

/** The site a URL belongs to: its host (with a non-default port), "www." ignored. */
export function siteKey(url: string): string {
  return new URL(url).host.replace(/^www\./, '');
}

/** Same site: the same host (and port), with or without "www.", over http or https. */
export function isSameSite(url: string, startUrl: string): boolean {
  return siteKey(url) === siteKey(startUrl);
}

/** Media and assets a text crawler never needs; attachments (PDF, DOCX, …) are kept. */
const SKIPPED_EXTENSIONS =
  /\.(?:jpe?g|png|gif|bmp|webp|svg|ico|css|js|mjs|map|mp3|mp4|avi|mov|wmv|flv|swf|woff2?|ttf|eot|zip|rar|7z|gz|tar|exe|apk|dmg|iso)$/i;

export function looksLikeAsset(url: string): boolean {
  return SKIPPED_EXTENSIONS.test(new URL(url).pathname);
}
