import { readZipDirectory } from './zip-parts';

/**
 * What an attachment is, from its bytes first (editors rename files), then its extension and MIME.
 */
export type AttachmentKind =
  | 'pdf'
  | 'docx'
  | 'txt'
  | 'html'
  | 'image'
  | 'legacy-office'
  | 'ofd'
  | 'spreadsheet'
  | 'presentation'
  | 'damaged'
  | 'truncated'
  | 'mislabelled-html'
  | 'mislabelled-text'
  | 'unknown';

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/** Member names are stored uncompressed in a ZIP, so a byte search identifies the package type. */
function zipKind(bytes: Uint8Array): AttachmentKind {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  if (buf.includes('word/document.xml')) return 'docx';
  if (buf.includes('OFD.xml')) return 'ofd';
  if (buf.includes('xl/workbook.xml')) return 'spreadsheet';
  if (buf.includes('ppt/presentation.xml')) return 'presentation';
  // No part we know: a package cut off before its first named part still says it is truncated.
  return 'broken' in readZipDirectory(bytes) ? 'truncated' : 'unknown';
}

const BY_EXTENSION: Record<string, AttachmentKind> = {
  pdf: 'pdf',
  docx: 'docx',
  txt: 'txt',
  text: 'txt',
  csv: 'txt',
  htm: 'html',
  html: 'html',
  shtml: 'html',
  png: 'image',
  jpg: 'image',
  jpeg: 'image',
  doc: 'legacy-office',
  wps: 'legacy-office',
  rtf: 'legacy-office',
  ofd: 'ofd',
  xls: 'spreadsheet',
  xlsx: 'spreadsheet',
  et: 'spreadsheet',
  ppt: 'presentation',
  pptx: 'presentation',
  dps: 'presentation',
};

const BY_MIME: Record<string, AttachmentKind> = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/plain': 'txt',
  'text/html': 'html',
  'application/msword': 'legacy-office',
  'application/ofd': 'ofd',
  'application/vnd.ms-excel': 'spreadsheet',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'spreadsheet',
};

/** What bytes without a signature hold: an HTML page, plain text, or null (binary, damaged). */
function contentKind(bytes: Uint8Array): 'mislabelled-html' | 'mislabelled-text' | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096));
  if (head.includes(0)) return null;
  if (/^(?:\uFEFF)?\s*<(?:!doctype\s+html|html|head|body|meta|title|div|p|table)\b/iu.test(head.toString('latin1').replace(/^\xEF\xBB\xBF/u, ''))) {
    return 'mislabelled-html';
  }
  const controls = head.filter((b) => b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d).length;
  return controls === 0 && head.length > 0 ? 'mislabelled-text' : null;
}

export function detectAttachmentKind(bytes: Uint8Array, filename: string, mime?: string): AttachmentKind {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, OLE2)) {
    // One container for Word, WPS, Excel and PowerPoint 97–2003: the name tells which.
    const byExt = BY_EXTENSION[/\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? ''];
    return byExt === 'spreadsheet' || byExt === 'presentation' ? byExt : 'legacy-office';
  }
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipKind(bytes);
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  const byName = BY_EXTENSION[ext];
  const byMime = mime ? BY_MIME[mime.split(';')[0].trim().toLowerCase()] : undefined;
  const claimed = byName ?? byMime ?? 'unknown';
  // A PDF/DOCX name on bytes without the signature: a saved web page or text under the name, or damage.
  if (claimed === 'pdf' || claimed === 'docx') return contentKind(bytes) ?? 'damaged';
  return claimed;
}
