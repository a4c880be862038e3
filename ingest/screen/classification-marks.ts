/**
 * Security-classification screening: a document bearing a 密级 mark (绝密/机密/秘密, "机密★1年")
 * or a 内部 mark (内部, 内部资料, 注意保密, 此件不予公开) must not be published in the index.
 *
 * A mark counts only where a mark is printed: alone on a header line (or alone on any line for an
 * unmistakable mark like "秘密★1年"), as a whitespace-separated token of the first 100 characters,
 * a "密级：…" field in the header, or a bracketed note in the title. The same words in
 * prose ("保守国家秘密", "商业秘密", "内部控制", "不予公开的信息") never quarantine.
 */
export interface ScreenInput {
  title: string;
  body: string;
}

export interface ScreenResult {
  /** True when the document must be held back from the index for a human to check. */
  quarantine: boolean;
  /** Why, with the mark and where it was found; absent when not quarantined. */
  reason?: string;
  /** Every mark found, as written (e.g. "机密★1年", "内部资料"). */
  marks: string[];
}

/** 密级 with an optional ★ term: 机密, 秘密★6个月, 绝密★长期, 机密 ★ 10年. */
const LEVEL =
  '(?:绝密|机密|秘密)(?:\\s*[★☆*]\\s*(?:\\d{1,2}\\s*(?:年|个月)|[一二三四五六七八九十]{1,3}\\s*(?:年|个月)|长期))?';
/** 内部 marks. "不予公开" alone is a row of every 政府信息公开年度报告 table, so only "此件不予公开" counts. */
const INTERNAL = '(?:内部资料|内部文件|内部刊物|内部使用|内部发行|内部|注意保密|此件不予?公开)';
const MARK = `(?:${LEVEL}|${INTERNAL})`;
/** Marks too specific to be anything else: a ★ term, 内部资料, 注意保密, 此件不公开. Bare 机密/内部 only count in the header. */
const STRONG = /[★☆*]|内部资料|注意保密|此件/u;

/** A line that is nothing but marks, possibly bracketed: "机密★1年", "【内部资料 注意保密】", "（此件不予公开）". */
const MARK_LINE = new RegExp(`^[【\\[（(]?\\s*${MARK}(?:\\s*[·、,，\\s]\\s*${MARK})*\\s*[】\\]）)]?$`, 'u');
/** A 密级 field: "密级：机密", "密 级: 秘密★1年". */
const LEVEL_FIELD = new RegExp(`密\\s*级\\s*[：:]\\s*(${LEVEL}|${INTERNAL})`, 'u');
/** A bracketed mark inside the title: "X工作方案（内部资料）", "【机密】关于…". */
const TITLE_MARK = new RegExp(`[【\\[（(]\\s*(${MARK})\\s*[】\\]）)]`, 'u');
const TOKEN_MARK = new RegExp(`^${MARK}$`, 'u');
const MARK_GLOBAL = new RegExp(MARK, 'gu');

/** The first lines of a document, where 密级 and 内部 marks are printed. */
const HEADER_LINES = 8;

export function screenDocument(input: ScreenInput): ScreenResult {
  const marks: string[] = [];
  const where: string[] = [];
  const note = (mark: string, place: string): void => {
    marks.push(mark.trim());
    where.push(place);
  };

  const titleMark = TITLE_MARK.exec(input.title);
  if (titleMark) note(titleMark[1], 'the title');

  const lines = input.body.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.length > 30) return;
    if (MARK_LINE.test(line) && (i < HEADER_LINES || STRONG.test(line))) {
      const bare = line.replace(/^[【[（(]\s*|\s*[】\]）)]$/gu, '');
      for (const m of bare.matchAll(MARK_GLOBAL)) note(m[0], `line ${i + 1}`);
      return;
    }
    const field = i < HEADER_LINES ? LEVEL_FIELD.exec(line) : null;
    if (field) note(field[1], `line ${i + 1}`);
  });

  // Flat texts (paragraphs joined by spaces): whitespace-separated tokens of the opening.
  if (marks.length === 0) {
    const opening = input.body.slice(0, 100).split(/\s+/u);
    for (const token of opening.slice(0, 6)) {
      const bare = token.replace(/^[【[（(]|[】\]）)]$/gu, '');
      if (TOKEN_MARK.test(bare)) note(bare, 'the opening words');
    }
  }

  if (marks.length === 0) return { quarantine: false, marks };
  return {
    quarantine: true,
    reason: `classification mark "${marks[0]}" in ${where[0]}; hold the document back until someone confirms it may be published`,
    marks,
  };
}
