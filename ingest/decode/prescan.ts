/**
 * Charset declarations found without decoding: byte-order mark, HTTP header, `<meta>`, and the
 * CleanEval wrapper `<text id="URL" title="…" encoding="gb2312">`. All return raw labels.
 */

/** How far into the bytes we look for `<meta>`: Chinese pages often carry long heads (scripts, styles). */
export const PRESCAN_BYTES = 8192;

export interface BomMatch {
  charset: 'utf-8' | 'utf-16le' | 'utf-16be';
  length: number;
}

export function detectBom(bytes: Uint8Array): BomMatch | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** `text/html; charset=GBK` → "GBK". */
export function charsetFromContentType(header: string | undefined): string | null {
  if (!header) return null;
  const m = /charset\s*=\s*["']?([\w.:-]+)/i.exec(header);
  return m ? m[1] : null;
}

/** The head of the page as a byte-transparent string (latin1), enough for ASCII markup. */
function asciiHead(bytes: Uint8Array, limit = PRESCAN_BYTES): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, limit)).toString('latin1');
}

/** Attributes of one start tag, names lower-cased (first occurrence wins, as in HTML). */
export function tagAttributes(tag: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const body = tag.replace(/^<\s*[\w:-]+/, '').replace(/\/?>$/, '');
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (const m of body.matchAll(re)) {
    const name = m[1].toLowerCase();
    if (!attrs.has(name)) attrs.set(name, m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** First `<meta charset>` or `<meta http-equiv="Content-Type" content="…charset=…">`, outside comments. */
export function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = asciiHead(bytes).replace(/<!--[\s\S]*?-->/g, '');
  for (const m of head.matchAll(/<meta\b[^>]*>/gi)) {
    const attrs = tagAttributes(m[0]);
    const direct = attrs.get('charset');
    if (direct) return direct;
    const content = attrs.get('content');
    if (content && /charset/i.test(content)) return charsetFromContentType(content);
  }
  return null;
}

export interface CleanEvalWrapper {
  url: string | null;
  title: string | null;
  encoding: string | null;
}

/** CleanEval distribution wrapper `<text id="URL" title="…" encoding="…">` at the very start. */
export function parseCleanEvalWrapper(head: string): CleanEvalWrapper | null {
  const m = /^\s*<text\b[^>]*>/i.exec(head);
  if (!m) return null;
  const attrs = tagAttributes(m[0]);
  return {
    url: attrs.get('id') ?? null,
    title: attrs.get('title') ?? null,
    encoding: attrs.get('encoding') ?? null,
  };
}

export function charsetFromWrapper(bytes: Uint8Array): string | null {
  return parseCleanEvalWrapper(asciiHead(bytes, 2048))?.encoding ?? null;
}
