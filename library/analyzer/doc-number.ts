/**
 * 文号 (document numbers) match exactly in any bracket or spacing variant:
 * 国办发〔2017〕47号 = 国办发[2017]47号 = 国办发(2017)47号 = 国办发（2017）47 号.
 */
const OPEN = '〔\\[(（【﹝［';
const CLOSE = '〕\\])）】﹞］';
const DOC_NUMBER = new RegExp(
  `([\\u4e00-\\u9fa5A-Za-z]{1,20}?)\\s*[${OPEN}]\\s*((?:19|20)\\d{2})\\s*[${CLOSE}]\\s*(?:第\\s*)?(\\d{1,5})\\s*号`,
  'gu',
);

export interface DocNumberMatch {
  /** As written in the text. */
  raw: string;
  /** Canonical key: prefix〔year〕n号 with full-width brackets and no spaces or leading zeros. */
  key: string;
  index: number;
}

/** Words that run into a prefix in prose (根据国发…, 和财税…) but are never part of one. */
const LEADING_PROSE = /^(?:根据|依据|按照|参照|依照|对照|转发|印发|以及|和|及|与|见|据|即|按|由|经|的)+/u;

export function findDocNumbers(text: string): DocNumberMatch[] {
  const found: DocNumberMatch[] = [];
  for (const m of text.matchAll(DOC_NUMBER)) {
    const [whole, rawPrefix, year, serial] = m;
    const prefix = rawPrefix.replace(LEADING_PROSE, '') || rawPrefix;
    const skipped = rawPrefix.length - prefix.length;
    found.push({
      raw: whole.slice(skipped),
      key: `${prefix}〔${year}〕${Number(serial)}号`,
      index: (m.index ?? 0) + skipped,
    });
  }
  return found;
}

/** The canonical key of one 文号, or null when the text is not one. */
export function docNumberKey(text: string | null | undefined): string | null {
  if (!text) return null;
  const match = findDocNumbers(text.trim())[0];
  return match ? match.key : null;
}
