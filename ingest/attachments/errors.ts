import { ZhiwenError } from '../../library/errors';

/**
 * Raised for attachments we cannot turn into text. A permanent condition: the ingest worker must
 * not retry, and the editor should get `reason` (Chinese first, English after) in the admin UI.
 */
export type UnsupportedKind =
  | 'legacy-office'
  | 'ofd'
  | 'spreadsheet'
  | 'presentation'
  | 'scanned-pdf'
  | 'encrypted'
  | 'damaged'
  | 'truncated'
  | 'too-large'
  | 'mislabelled'
  | 'unknown';

export class UnsupportedAttachmentError extends ZhiwenError {
  constructor(
    readonly filename: string,
    readonly kind: UnsupportedKind,
    /** What the editor should do, in Chinese and English. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super('UNSUPPORTED_ATTACHMENT', `cannot read attachment "${filename}": ${reason}`, { filename, kind });
    if (options?.cause !== undefined) this.cause = options.cause;
    this.name = 'UnsupportedAttachmentError';
  }
}

export const REASONS: Record<UnsupportedKind, string> = {
  'legacy-office':
    '旧版Office/WPS文档（.doc/.wps）转换失败，请另存为.docx或PDF后重新上传 (the .doc/.wps file could not be converted: save it as .docx or PDF and upload again)',
  ofd: 'OFD文件无法读取，请重新导出或同时提供PDF版本 (the OFD file cannot be read: export it again, or provide a PDF)',
  spreadsheet:
    '表格文件（.xls/.xlsx/.et）转换失败，请另存为.xlsx或PDF后重新上传 (the spreadsheet could not be converted: save it as .xlsx or PDF and upload again)',
  presentation:
    '演示文稿（.ppt/.pptx/.dps）转换失败，请另存为PDF后重新上传 (the presentation could not be converted: save it as PDF and upload again)',
  'scanned-pdf':
    '扫描件未能识别出文字，请提供可复制文字的版本 (no text could be read from the scan: provide a version whose text can be copied, or the .docx)',
  encrypted:
    'PDF已加密，需要密码才能打开，请提供未加密的版本 (encrypted PDF needs a password: upload an unencrypted copy)',
  damaged:
    '文件已损坏或格式与扩展名不符，请重新导出后上传 (file is damaged or not what its extension says: export it again and upload)',
  truncated:
    '文件不完整（压缩包被截断或损坏），请重新下载或导出后上传 (truncated or corrupt zip: download or export the file again)',
  'too-large':
    '文件解压后过大，超过限制，请拆分文件或联系管理员调整限制 (the file inflates past the size limit: split it, or raise the limit)',
  mislabelled:
    '文件内容与扩展名不符，请重新下载原始附件 (the content is not what the extension says: download the original attachment again)',
  unknown:
    '不支持的附件格式，请提供PDF、.docx或.txt (unsupported attachment type: provide PDF, .docx or .txt)',
};

export function unsupported(
  filename: string,
  kind: UnsupportedKind,
  cause?: unknown,
): UnsupportedAttachmentError {
  return new UnsupportedAttachmentError(
    filename,
    kind,
    REASONS[kind],
    cause === undefined ? undefined : { cause },
  );
}

/** Like `unsupported`, with the specifics (which part, which limit, what the bytes hold) after the reason. */
export function unsupportedBecause(filename: string, kind: UnsupportedKind, detail: string, cause?: unknown): UnsupportedAttachmentError {
  return new UnsupportedAttachmentError(filename, kind, `${REASONS[kind]}: ${detail}`, cause === undefined ? undefined : { cause });
}
