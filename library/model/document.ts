/**
 * The unified resource library's document record: one classification, one metadata set,
 * one format. Ingest produces `DocumentInput`; the store persists it and assigns ids.
 */

/** 信息类别: the platform's information types. */
export const INFO_TYPES = [
  '政策文件',
  '政策解读',
  '新闻动态',
  '通知公告',
  '办事指南',
  '互动交流',
  '其他',
] as const;
export type InfoType = (typeof INFO_TYPES)[number];

/** 有效性: validity of a policy document. */
export const VALIDITY = ['有效', '失效', '废止', '已修订', '未知'] as const;
export type Validity = (typeof VALIDITY)[number];

export const SITE_LEVELS = ['platform', 'province', 'city', 'county', 'department'] as const;
export type SiteLevel = (typeof SITE_LEVELS)[number];

/** A document as it arrives from any ingest source, after normalisation and before storage. */
export interface DocumentInput {
  /** Stable external id (source record id or canonical URL); re-ingest with the same id updates in place. */
  externalId: string;
  /** Site code (网站标识码 or host) the document belongs to; unknown sites are created on the fly. */
  siteCode: string;
  /** 栏目 path, e.g. "政务公开/政策文件". */
  column?: string | null;
  url?: string | null;
  /** Title as written (display form; the index form is derived by the analyzer). */
  title: string;
  /** Main text as written, paragraphs separated by "\n". */
  body: string;
  infoType: InfoType;
  /** 主题分类 (State Council theme taxonomy), if known. */
  topic?: string | null;
  /** 发文机关 */
  issuer?: string | null;
  /** 文号, as written (the analyzer derives a canonical key for exact matching). */
  docNumber?: string | null;
  /** 索引号 */
  indexNumber?: string | null;
  /** ISO date (YYYY-MM-DD) the document was written / signed. */
  writtenAt?: string | null;
  /** ISO date or datetime the document was published. */
  publishedAt?: string | null;
  validity?: Validity;
  /** Free-form extra metadata kept verbatim (source, derived fields, confidences). */
  extra?: Record<string, unknown>;
}
