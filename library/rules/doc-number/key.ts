/**
 * The structured key of one 文号 and its canonical text. Two writings of the same number (any
 * bracket, width, spacing, numeral style, Traditional characters, with or without 中华人民共和国 or the
 * separator between joint issuers) give the same key; two different numbers never do.
 */

/**
 * - 'code':         发文字号 with an agency code (代字): 国办发〔2017〕47号, 京人社就字2020第14号
 * - 'announcement': 公告 numbered by its issuer(s): 国家税务总局公告2020年第4号, 财政部 税务总局公告2019年第39号
 * - 'order':        令 numbered by its issuer(s): 中华人民共和国主席令第三十一号, 国务院令第306号
 */
export type DocNumberKind = 'code' | 'announcement' | 'order';

export interface DocNumberKey {
  kind: DocNumberKind;
  /** The 代字 (kind 'code', one entry) or the issuers as written apart (财政部, 税务总局), Simplified, no 中华人民共和国. */
  issuers: string[];
  /** The year of the number; null when it has none (orders, some announcements). */
  year: number | null;
  /** The number (序号), > 0. */
  serial: number;
}

/**
 * The canonical text of a key, the form stored in documents.doc_number_key and compared by exact
 * 文号 lookups: 国办发〔2017〕47号, 财政部税务总局公告2019年第39号, 主席令第31号. Joint issuers are
 * concatenated so that a query typed without the separator still matches.
 */
export function formatDocNumberKey(key: DocNumberKey): string {
  const issuer = key.issuers.join('');
  if (key.kind === 'code') return `${issuer}〔${key.year}〕${key.serial}号`;
  const year = key.year === null ? '' : `${key.year}年`;
  return `${issuer}${key.kind === 'announcement' ? '公告' : '令'}${year}第${key.serial}号`;
}

/**
 * Bump when the grammar or the canonical text changes: a library whose stored keys were computed by
 * another version is re-keyed at start (see rekeyDocNumbers).
 */
export const DOC_NUMBER_KEY_VERSION = 2;
