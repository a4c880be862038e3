const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text: unknown): string => String(text ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);

/**
 * Passes the API's highlighted text (already HTML-escaped, with <em> around matched terms) through,
 * keeping exactly `<em>`, `</em>` and character references; any other `<`, `>`, `&` or quote is
 * escaped. Whatever the API sends, the result can hold no element but <em> and no attribute.
 */
export function emOnly(html: unknown): string {
  const source = String(html ?? '');
  let out = '';
  let open = 0;
  const token = /<em>|<\/em>|&(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});|[&<>"']/g;
  let last = 0;
  for (let m = token.exec(source); m; m = token.exec(source)) {
    out += source.slice(last, m.index);
    last = token.lastIndex;
    const t = m[0];
    if (t === '<em>') {
      open++;
      out += t;
    } else if (t === '</em>') {
      if (open > 0) {
        open--;
        out += t;
      }
    } else if (t.length > 1) out += t;
    else out += ESCAPES[t];
  }
  out += source.slice(last);
  return out + '</em>'.repeat(open);
}

/** An http(s) URL to link to (tel: and mailto: too when allowed), or null: javascript:, data: and the like are never linked. */
export function safeUrl(url: unknown, options: { base?: string; contact?: boolean } = {}): string | null {
  if (typeof url !== 'string' || !url) return null;
  try {
    const parsed = new URL(url, options.base);
    const ok = ['https:', 'http:', ...(options.contact ? ['tel:', 'mailto:'] : [])];
    return ok.includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}

/** Creates an element with attributes and text (text is set as textContent, never parsed). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Array<Node | string | null | undefined>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child != null) node.append(child);
  return node;
}

/** An element whose content is the API's highlighted text, passed through emOnly. */
export function highlighted<K extends keyof HTMLElementTagNameMap>(tag: K, html: unknown, attrs: Record<string, string | undefined> = {}): HTMLElementTagNameMap[K] {
  const node = el(tag, attrs);
  node.innerHTML = emOnly(html);
  return node;
}
