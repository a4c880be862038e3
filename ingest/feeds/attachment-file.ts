/**
 * An attachment file (PDF — its text layer or OCR —, DOCX, .doc/.wps, OFD, an image of a notice,
 * plain text) → a document. What cannot be read (spreadsheets, encrypted or damaged files) is
 * rejected with UnsupportedAttachmentError's reason, which tells the editor what to upload instead.
 */
import path from 'node:path';
import { attachmentToText, UnsupportedAttachmentError, type AttachmentText, type OcrProgress } from '../attachments';
import type { InputLimits } from '../limits';
import type { FeedItem } from './feed-item';

export interface AttachmentOptions {
  /** The file's path inside the ingested folder (or its name): the external id. */
  relativePath: string;
  defaultSite: string;
  /** Size limits (the DOCX parts' inflated size); default: from the environment (see ingest/limits). */
  limits?: InputLimits;
  /** Told after each OCR'd page (an attachment job's progress). */
  onProgress?: OcrProgress;
}

/** File names that say nothing about the content: 附件1.pdf, scan_0001.pdf, 新建文档.docx. */
const GENERIC_NAME = /^(?:附件|attachment|file|doc|scan|扫描件|新建(?:\S*文档)?|未命名|untitled)?[\s_\-()（）0-9]*$/iu;
const TITLE_MAX = 80;

/** A 公文's own title line: 关于…的通知, …办法, …条例 (the red head "…文件" and the 文号 line come before it). */
const DOCUMENT_TITLE = /^关于.{2,}的|(?:通知|决定|意见|办法|规定|条例|细则|方案|公告|通告|批复|报告|决议|规划)$/u;
const RED_HEAD = /文件$/u;

function titleOf(file: string, text: string): string {
  const stem = path.basename(file, path.extname(file)).trim();
  // Sites name files by number or pinyin (P020231201….pdf, tiaojian.docx): only a Chinese name says what it is.
  if (stem && !GENERIC_NAME.test(stem) && /\p{Script=Han}/u.test(stem)) return stem;
  const lines = text.split('\n').map((l) => l.trim()).filter((l) => l.length >= 4 && l.length <= TITLE_MAX);
  return lines.find((l) => DOCUMENT_TITLE.test(l)) ?? lines.find((l) => !RED_HEAD.test(l)) ?? lines[0] ?? stem;
}

export async function attachmentToFeedItem(bytes: Uint8Array, source: string, options: AttachmentOptions): Promise<FeedItem> {
  const id = `file:${options.relativePath}`;
  let read: AttachmentText;
  try {
    read = await attachmentToText(bytes, path.basename(source), undefined, options.limits, options.onProgress);
  } catch (err) {
    if (err instanceof UnsupportedAttachmentError) return { source, id, error: err.reason };
    return { source, id, error: `cannot read the attachment (${(err as Error).message}): export it again as PDF or .docx` };
  }
  const { text, format, ocr } = read;
  if (!text.trim()) return { source, id, error: 'the attachment holds no text: provide a version whose text can be copied' };
  return {
    source,
    id,
    document: {
      externalId: id,
      siteCode: options.defaultSite,
      title: titleOf(source, text),
      body: text,
      infoType: '其他',
      // OCR'd text is marked as such, with its confidence: it never fills 文号/issuer when unsure (prepare).
      extra: { kind: 'attachment', attachment: { file: options.relativePath, format, ...(ocr ? { ocr } : {}) } },
    },
  };
}
