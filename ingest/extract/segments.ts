/**
 * Flattens a DOM subtree into text segments: runs of inline text between block boundaries,
 * each tied to its nearest block element. Scoring and rendering both work on this list.
 */
import { cjkCount, collapseSpaces, visibleLength } from './text-stats';

export interface Segment {
  text: string;
  /** Nearest enclosing block element (a `<td>` counts as one). */
  el: Element;
  /** Visible characters inside `<a href>`. */
  linkChars: number;
  /** Visible characters. */
  chars: number;
  /** Chinese characters outside links: the strongest single signal of running text. */
  ownCjk: number;
  /** What separates this segment from the previous one when rendered. */
  sep: 'line' | 'cell';
  /** 1–6 when the segment is a heading. */
  heading: number;
}

const BLOCK = new Set(
  (
    'address article aside blockquote body center dd details dir div dl dt fieldset figcaption figure footer form ' +
    'h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p pre section summary table tbody tfoot thead tr ul caption legend'
  ).split(' '),
);
const CELL = new Set(['td', 'th']);
const SKIP = new Set(
  'script style noscript template iframe frame frameset object embed svg canvas select option button input textarea map head title link meta'.split(
    ' ',
  ),
);

/** Elements whose inline style hides them: browser-saved pages keep collapsed menus and pop-ups. */
function isHidden(el: Element): boolean {
  const style = el.getAttribute('style');
  if (style && /(?:display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style)) return true;
  return el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true';
}

export function collectSegments(root: Element): Segment[] {
  const out: Segment[] = [];
  const stack: Element[] = [root];
  let buf = '';
  let links = 0;
  let linkCjk = 0;
  let pending: 'line' | 'cell' = 'line';

  const flush = (sep: 'line' | 'cell'): void => {
    const text = collapseSpaces(buf).trim();
    if (text) {
      const el = stack[stack.length - 1];
      const heading = /^h[1-6]$/i.test(el.tagName) ? Number(el.tagName[1]) : 0;
      const chars = visibleLength(text);
      const ownCjk = Math.max(0, cjkCount(text) - linkCjk);
      out.push({ text, el, linkChars: Math.min(links, chars), chars, ownCjk, sep: pending, heading });
      pending = sep;
    } else if (sep === 'line') pending = 'line';
    buf = '';
    links = 0;
    linkCjk = 0;
  };

  // An explicit stack, not recursion: a page of 100,000 nested <div>s must not overflow the call stack.
  interface Frame { node: Node; inLink: boolean; inPre: boolean; exit?: 'block' | 'cell' }
  const todo: Frame[] = [{ node: root, inLink: false, inPre: false }];
  while (todo.length > 0) {
    const { node, inLink, inPre, exit } = todo.pop()!;
    if (exit) {
      flush(exit === 'cell' ? 'cell' : 'line');
      stack.pop();
      continue;
    }
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? '';
      const lines = inPre ? value.split('\n') : [value];
      lines.forEach((t, i) => {
        // Inside <pre> a newline is a line break, as <br> is elsewhere.
        if (i > 0) flush('line');
        buf += t;
        if (inLink) {
          links += visibleLength(t);
          linkCjk += cjkCount(t);
        }
      });
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    const tag = el.tagName.toLowerCase();
    if (SKIP.has(tag) || isHidden(el)) continue;
    if (tag === 'br') {
      flush('line');
      continue;
    }
    const block = BLOCK.has(tag);
    const cell = CELL.has(tag);
    if (block || cell) {
      flush(cell ? 'cell' : 'line');
      stack.push(el);
      todo.push({ node: el, inLink, inPre, exit: cell ? 'cell' : 'block' });
    }
    const link = inLink || (tag === 'a' && el.hasAttribute('href'));
    const pre = inPre || tag === 'pre';
    // Children pushed last-first, so they pop in document order.
    for (let c = el.lastChild; c; c = c.previousSibling) todo.push({ node: c, inLink: link, inPre: pre });
  }
  flush('line');
  return out;
}
