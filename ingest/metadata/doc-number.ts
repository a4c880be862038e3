/**
 * 文号 on the ingest side. The grammar and the key are library/rules/doc-number's (the query side
 * uses the same); what is ingest's own is telling the document's number from the ones it cites.
 */
import type { DocNumberMatch } from '../../library/rules/doc-number';

export { findDocNumbers, docNumberKey } from '../../library/rules/doc-number';
export type { DocNumberKind, DocNumberMatch } from '../../library/rules/doc-number';

/**
 * True when the 文号 at `m` is cited rather than being the document's own number: wrapped in
 * brackets or quotes inside a longer line, right after a 《title》, or after 根据/按照/转发…
 * A line that is only "（国办发〔2017〕47号）" counts as the document's own number.
 */
export function isCitation(text: string, m: Pick<DocNumberMatch, 'start' | 'end'>): boolean {
  const before = text.slice(Math.max(0, m.start - 12), m.start);
  const prev = before.trimEnd().slice(-1);
  const next = text.slice(m.end).trimStart().slice(0, 1);
  if (/(?:根据|按照|依据|依照|参照|贯彻|落实|转发|印发|详见|执行|废止|修订|代替|替代)[^。\n]*$/u.test(before))
    return true;
  if (prev === '》' || prev === '>' || prev === '〉') return true;
  if (/[（(“"〔[【]/u.test(prev) || /[）)”"〕\]】]/u.test(next)) {
    const lineStart = text.lastIndexOf('\n', m.start) + 1;
    const lineEnd = text.indexOf('\n', m.end);
    const line = text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd).trim();
    const bare = line.replace(/^[（(“"【[]|[）)”"】\]]$/gu, '').trim();
    return bare !== text.slice(m.start, m.end).trim();
  }
  return false;
}
