/**
 * How deep a page's markup nests, measured on the text before parsing. Real pages nest 20–60 levels
 * (a few hundred with unclosed <font> tags); a hostile or broken one can nest 100,000, which costs the
 * parser seconds and once overflowed the call stack. Such a page is rejected with this reason.
 */
import { InvalidRecordError } from '../../library/errors';

/** Deeper than this is not a page anyone wrote by hand or by CMS: 20,000 levels take the parser ~1.5 s. */
export const MAX_MARKUP_DEPTH = 10_000;

/** Tags that never hold children, or that the parser closes by itself (p, li, td …): they add no depth. */
const NO_DEPTH = new Set(
  ('area base br col embed hr img input link meta param source track wbr ' +
    'p li dt dd td th tr tbody thead tfoot option optgroup rt rp').split(' '),
);

const TAG = /<(\/?)([a-zA-Z][\w:-]*)[^>]*>/gu;

/** The deepest nesting of open elements, counting opening tags minus closing ones (never below 0). */
export function markupDepth(html: string): number {
  let depth = 0;
  let max = 0;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    if (NO_DEPTH.has(m[2].toLowerCase()) || m[0].endsWith('/>')) continue;
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (++depth > max) max = depth;
  }
  return max;
}

export class MarkupTooDeepError extends InvalidRecordError {
  constructor(readonly depth: number) {
    super(
      `the page's markup nests ${depth.toLocaleString('en-US')} elements deep (the limit is ` +
        `${MAX_MARKUP_DEPTH.toLocaleString('en-US')}): it is broken or hostile; save the rendered page again`,
      { depth, limit: MAX_MARKUP_DEPTH },
    );
    this.name = 'MarkupTooDeepError';
  }
}

/** Throws MarkupTooDeepError for a page nested deeper than MAX_MARKUP_DEPTH. */
export function assertNestingDepth(html: string): void {
  const depth = markupDepth(html);
  if (depth > MAX_MARKUP_DEPTH) throw new MarkupTooDeepError(depth);
}
