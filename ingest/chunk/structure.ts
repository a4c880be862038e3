/**
 * Reads the structure of a Chinese government text: 编/章/节 headings of laws, 一、/（一） headings
 * of policy documents, 第X条 articles, paragraphs. Produces sections (a heading path and the spans
 * of its units) over the original text, so chunk offsets point into what the caller passed.
 */

export interface Span {
  start: number;
  end: number;
}

export interface Section {
  /** Heading path, outermost first, e.g. ['第三章 全过程节水', '第一节 取水过程节水']. */
  headings: string[];
  /** Units (articles, paragraphs, heading lines) in order; a chunk never splits one that fits. */
  units: Span[];
}

const N = '[一二三四五六七八九十百零〇两\\d]+';
const HEADING_LEVELS: Array<[RegExp, number]> = [
  [new RegExp(`^第${N}编`, 'u'), 0],
  [new RegExp(`^第${N}章`, 'u'), 1],
  [new RegExp(`^第${N}节`, 'u'), 2],
  [/^[一二三四五六七八九十]{1,3}、/u, 3],
  [/^[（(][一二三四五六七八九十]{1,3}[）)]/u, 4],
];
const ARTICLE = new RegExp(`^第${N}条`, 'u');
/** In flat texts (paragraphs joined by spaces) a structure marker after whitespace starts a new line. */
const INLINE_BREAK = new RegExp(
  `\\s+(?=第${N}[编章节条]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\\d{1,2}[.．、](?!\\d))`,
  'gu',
);
const MARKER = new RegExp(
  `^(?:第${N}[编章节条]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])`,
  'u',
);
/** A numbered line at most this long, without a full stop inside, is a heading; longer ones lead a paragraph. */
const HEADING_MAX = 40;

/** Lines as spans (trimmed, empty ones dropped); over-long lines are cut before inline markers. */
function lines(text: string, maxChars: number): Span[] {
  const out: Span[] = [];
  const push = (start: number, end: number): void => {
    while (start < end && /\s/u.test(text[start])) start++;
    while (end > start && /\s/u.test(text[end - 1])) end--;
    if (end > start) out.push({ start, end });
  };
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && text[i] !== '\n') continue;
    if (i - lineStart > maxChars) {
      let from = lineStart;
      for (const m of text.slice(lineStart, i).matchAll(INLINE_BREAK)) {
        push(from, lineStart + m.index);
        from = lineStart + m.index + m[0].length;
      }
      push(from, i);
    } else push(lineStart, i);
    lineStart = i + 1;
  }
  return out;
}

function headingLevel(line: string, articleMode: boolean): number | null {
  for (const [re, level] of HEADING_LEVELS) {
    if (!re.test(line)) continue;
    // In a law, 一、/（一） lines are items of the article above, not headings.
    return articleMode && level >= 3 ? null : level;
  }
  return null;
}

/** The heading text of a line: the whole short line, or the lead of a long numbered paragraph. */
function headingText(line: string): string {
  const compact = line.replace(/\s+/gu, ' ');
  if (compact.length <= HEADING_MAX && !/[。；;]./u.test(compact)) return compact;
  const marker = MARKER.exec(compact)?.[0] ?? '';
  const lead = /^\s*([^。：:；;\s]{1,40})/u.exec(compact.slice(marker.length))?.[1] ?? '';
  return marker + lead;
}

export function readSections(text: string, maxChars: number): Section[] {
  const all = lines(text, maxChars);
  const articleMode = all.filter((l) => ARTICLE.test(text.slice(l.start, l.end))).length >= 2;
  const sections: Section[] = [];
  let path: Array<{ level: number; text: string }> = [];
  let current: Section | null = null;
  let pendingHeadings: Span[] = [];

  for (const span of all) {
    const line = text.slice(span.start, span.end);
    const level = headingLevel(line, articleMode);
    const isPureHeading = level !== null && line.length <= HEADING_MAX && !/[。；;]./u.test(line);
    if (level !== null) {
      path = [...path.filter((h) => h.level < level), { level, text: headingText(line) }];
      current = null;
      if (isPureHeading) {
        // A heading line with nothing under it yet (or a table of contents) joins the next section.
        pendingHeadings.push(span);
        continue;
      }
    }
    if (current === null) {
      current = { headings: path.map((h) => h.text), units: [...pendingHeadings] };
      pendingHeadings = [];
      sections.push(current);
    }
    const last = current.units[current.units.length - 1];
    const continuesArticle =
      articleMode &&
      last &&
      level === null &&
      !ARTICLE.test(line) &&
      ARTICLE.test(text.slice(last.start, last.end));
    if (continuesArticle) last.end = span.end;
    else current.units.push({ ...span });
  }
  if (pendingHeadings.length > 0)
    sections.push({ headings: path.map((h) => h.text), units: pendingHeadings });
  return sections;
}
