import type { PassageDocument } from '../../library/consultation';
import { isCurrent, validityLabel } from '../../library/model/validity';
import { documentUrl } from '../documents';

/** One numbered source of an answer, with what a citizen needs to find and trust it. */
export interface Citation {
  n: number;
  /** External id of the document. */
  id: string;
  title: string;
  issuer: string | null;
  docNumber: string | null;
  /** YYYY-MM-DD: the published (发布) date, which a feed's `published` gives, else the written (成文) date. */
  date: string | null;
  /** What opens the document: its http(s) source, else its page on Zhiwen (retrieval/documents `documentUrl`). */
  url: string;
  site: { code: string; name: string };
  infoType: string;
  validity: string;
  /** false for repealed (废止) or expired (失效) documents: never presented as current rules. */
  current: boolean;
  /** A label to show beside the title, e.g. 已废止; null for current documents. */
  label: string | null;
}

export function isCurrentValidity(validity: string): boolean {
  return isCurrent({ validity });
}

/** Citation number `n` of a document; its url is absolute under `publicBase` (the API's origin), root-relative without. */
export function citationOf(doc: PassageDocument, n: number, publicBase?: string): Citation {
  // Published first: a law's 通过 date in its text is when it was adopted, not when it was promulgated.
  const date = doc.publishedAt?.slice(0, 10) ?? doc.writtenAt ?? null;
  return {
    n, id: doc.externalId, title: doc.title, issuer: doc.issuer, docNumber: doc.docNumber, date, url: documentUrl(doc, publicBase),
    site: { code: doc.siteCode, name: doc.siteName }, infoType: doc.infoType, validity: doc.validity,
    current: isCurrentValidity(doc.validity),
    label: validityLabel({ validity: doc.validity }),
  };
}

/** "标题（发文机关 文号，日期）" for plain-text channels. */
export function citationLine(c: Citation): string {
  const meta = [c.issuer, c.docNumber, c.date].filter(Boolean).join(' ');
  return `[${c.n}] ${c.title}${meta ? `（${meta}）` : ''}${c.label ? `【${c.label}】` : ''} ${c.url}`;
}

/** Puts a sentence's [n] markers before its closing punctuation ("……补贴[1]。"), or at its end. */
export function withMarkers(sentence: string, cites: readonly number[]): string {
  const marks = cites.map((n) => `[${n}]`).join('');
  const end = /[。！？!?；;]+$/.exec(sentence);
  return end ? `${sentence.slice(0, end.index)}${marks}${end[0]}` : `${sentence}${marks}`;
}
