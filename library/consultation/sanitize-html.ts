/**
 * A small allow-list HTML sanitiser for curated answers (rich text with links). Editors paste from
 * word processors and other sites; only structure and links survive, everything is re-serialised
 * from parsed pieces (never passed through), so no attribute or tag outside the list reaches a page.
 */
import { escapeHtml } from '../rules/html-escape';

/** Tags kept (attributes dropped unless listed in ATTRIBUTES). */
const ALLOWED = new Set([
  'p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'sub', 'sup', 'ul', 'ol', 'li', 'a', 'h3', 'h4', 'h5',
  'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'span', 'div', 'hr',
]);
const VOID = new Set(['br', 'hr']);
/** Elements whose content is dropped with them: never text a citizen should read. */
const DROP_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'svg', 'math', 'head', 'title']);
const ATTRIBUTES: Record<string, readonly string[]> = { a: ['href', 'title'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] };
const BLOCK = new Set(['p', 'div', 'li', 'h3', 'h4', 'h5', 'blockquote', 'tr', 'table', 'ul', 'ol', 'hr']);

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<![^>]*>?|<\?[^>]*>?|<\/?([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>|[^<]+|</y;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ldquo: '“', rdquo: '”', middot: '·', hellip: '…', mdash: '—', ndash: '–' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : '\ufffd';
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}

// One escaping rule for the whole service (library/rules); re-exported here for the consultation face.
export { escapeHtml };

/** http(s), mailto, tel, or a relative link; javascript:, data: and every other scheme are refused. */
export function safeHref(raw: string): string | null {
  // eslint-disable-next-line no-control-regex
  const href = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  if (!href) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(href);
  if (scheme && !['http', 'https', 'mailto', 'tel'].includes(scheme[1].toLowerCase())) return null;
  return href;
}

function renderAttributes(tag: string, source: string): string {
  const allowed = ATTRIBUTES[tag];
  if (!allowed) return '';
  let out = '';
  for (const m of source.matchAll(ATTR)) {
    const name = m[1].toLowerCase();
    if (!allowed.includes(name)) continue;
    let value = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
    if (name === 'href') {
      const safe = safeHref(value);
      if (safe === null) continue;
      value = safe;
    }
    if ((name === 'colspan' || name === 'rowspan') && !/^\d{1,2}$/.test(value)) continue;
    out += ` ${name}="${escapeHtml(value)}"`;
  }
  if (tag === 'a' && out.includes(' href=')) out += ' rel="noopener noreferrer" target="_blank"';
  return out;
}

/** Keeps allowed tags and safe links, drops everything else (scripts with their content), balances tags. */
export function sanitizeHtml(html: string): string {
  let out = '';
  const open: string[] = [];
  let dropping: string | null = null;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < html.length) {
    const m = TOKEN.exec(html)!; // every position starts some token: text, markup or a lone '<'
    const tag = m[1]?.toLowerCase();
    if (!tag) {
      // text, a comment, a doctype or a lone '<'
      if (!dropping && !m[0].startsWith('<')) out += escapeHtml(decodeEntities(m[0]));
      else if (!dropping && m[0] === '<') out += '&lt;';
      continue;
    }
    const closing = m[0][1] === '/';
    if (dropping) {
      if (closing && tag === dropping) dropping = null;
      continue;
    }
    if (DROP_CONTENT.has(tag)) {
      if (!closing && !m[0].endsWith('/>')) dropping = tag;
      continue;
    }
    if (!ALLOWED.has(tag)) continue;
    if (VOID.has(tag)) {
      if (!closing) out += `<${tag}>`;
      continue;
    }
    if (!closing) {
      out += `<${tag}${renderAttributes(tag, m[2] ?? '')}>`;
      open.push(tag);
      continue;
    }
    const at = open.lastIndexOf(tag);
    if (at < 0) continue; // a stray end tag
    while (open.length > at) out += `</${open.pop()}>`;
  }
  while (open.length > 0) out += `</${open.pop()}>`;
  return out;
}

/** Plain text of (sanitised) HTML: block ends become line breaks, entities are decoded. */
export function htmlToText(html: string): string {
  const withBreaks = sanitizeHtml(html).replace(/<\/?([a-z0-9]+)[^>]*>/g, (whole, tag: string) =>
    tag === 'br' || (BLOCK.has(tag) && whole[1] === '/') || tag === 'hr' ? '\n' : tag === 'td' || tag === 'th' ? ' ' : '',
  );
  return decodeEntities(withBreaks)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}
