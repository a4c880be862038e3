/** Section headings of Chinese official documents: 第一章 总则, 第二节, 一、…, （一）… */
const SECTION_HEADING =
  /^(?:第[一二三四五六七八九十百零〇\d]+[章节编部分]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/;

/** Longer than this, or ending a sentence, it is a numbered paragraph rather than a heading. */
const MAX_HEADING_CHARS = 40;

export function isSectionHeading(text: string): boolean {
  const t = text.trim();
  return SECTION_HEADING.test(t) && t.length <= MAX_HEADING_CHARS && !/[。；;]/.test(t);
}
