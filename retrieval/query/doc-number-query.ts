import { analyze, findDocNumbers, indexForm, STOPWORDS } from '../../library/analyzer';
import { isFiller } from './filler';

/**
 * 文号 in a query, read with the library's one 文号 grammar (library/analyzer findDocNumbers, the same
 * rule ingest stores keys with). This file only decides what the query side does with them: which
 * characters spelling must leave alone, and whether the query asks for nothing but a 文号.
 */

/** A 文号 in a query: its canonical key and where it stands in the (index-form) query text. */
export interface QueryDocNumber {
  key: string;
  start: number;
  end: number;
}

export function docNumbersIn(normalized: string): QueryDocNumber[] {
  return findDocNumbers(normalized).map((m) => ({ key: m.key, start: m.start, end: m.end }));
}

/** The 代字 or issuer a canonical key starts with: 国办发〔2017〕47号 → 国办发, 国务院令第306号 → 国务院. */
const KEY_PREFIX = /^([\u3400-\u9fff]+?)(?:〔|公告|令)/u;

export function agencyCodeOf(key: string): string | null {
  return KEY_PREFIX.exec(key)?.[1] ?? null;
}

/** Agency codes of the 文号 a text (a title) holds. */
export function agencyCodesIn(text: string): string[] {
  return findDocNumbers(indexForm(text)).flatMap((m) => agencyCodeOf(m.key) ?? []);
}

/**
 * A run of characters shaped like a 代字 typed on its own (国办发, 京政办函): a few characters ending
 * in 发 or 函. Such a run is never "corrected" even when the library holds no 文号 of that agency:
 * 国办发 → 国办法 turned a search for a 文号 into nonsense.
 */
const AGENCY_CODE_SHAPE = /^[\u3400-\u9fff]{1,6}[发函]$/u;

/** Words around a 文号 that ask for nothing more than the document itself (国办发〔2019〕5号文件全文). */
const DOC_NUMBER_WORDS: ReadonlySet<string> = new Set(['文件', '文', '全文', '原文', '号文', '通知', '文号', '发文', '查询', '查找', '搜索', '下载']);

/**
 * Positions of the query that spelling must not change: its 文号, the library's agency codes, and runs
 * shaped like a 代字. `agencyCodes` are the library's (VocabularySnapshot.agencyCodes).
 */
export function lockedPositions(normalized: string, docNumbers: readonly QueryDocNumber[], agencyCodes: ReadonlySet<string>): Uint8Array {
  const locked = new Uint8Array(normalized.length);
  for (const d of docNumbers) locked.fill(1, d.start, d.end);
  for (const m of normalized.matchAll(/[\u3400-\u9fff]+/gu)) {
    if (AGENCY_CODE_SHAPE.test(m[0])) locked.fill(1, m.index, m.index + m[0].length);
  }
  if (agencyCodes.size > 0) {
    for (let i = 0; i < normalized.length; i++) {
      for (let len = 2; len <= 12 && i + len <= normalized.length; len++) {
        if (agencyCodes.has(normalized.slice(i, i + len))) locked.fill(1, i, i + len);
      }
    }
  }
  return locked;
}

/**
 * The 文号 a query asks for and nothing else (国办发〔2031〕99号, 京人社就字2020第14号文件), or null. Such a
 * query is answered by the documents bearing the number; when none does, the answer is "not found".
 */
export function docNumberOnly(normalized: string, docNumbers: readonly QueryDocNumber[]): string | null {
  if (docNumbers.length !== 1) return null;
  const [d] = docNumbers;
  const rest = normalized.slice(0, d.start) + ' ' + normalized.slice(d.end);
  const words = analyze(rest).filter((t) => !STOPWORDS.has(t) && !isFiller(t) && !DOC_NUMBER_WORDS.has(t));
  return words.length === 0 ? d.key : null;
}
