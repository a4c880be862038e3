/**
 * What an attachment is, from its bytes first (editors rename files), then its extension and MIME.
 */
export type AttachmentKind =
  | 'pdf'
  | 'docx'
  | 'txt'
  | 'html'
  | 'legacy-office'
  | 'ofd'
  | 'spreadsheet'
  | 'presentation'
  | 'damaged'
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
  return 'unknown';
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

export function detectAttachmentKind(bytes: Uint8Array, filename: string, mime?: string): AttachmentKind {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, OLE2)) return 'legacy-office';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return zipKind(bytes);
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? '';
  const byName = BY_EXTENSION[ext];
  const byMime = mime ? BY_MIME[mime.split(';')[0].trim().toLowerCase()] : undefined;
  const claimed = byName ?? byMime ?? 'unknown';
  // A PDF/DOCX name on bytes without the signature is a damaged or mislabelled file.
  if (claimed === 'pdf' || claimed === 'docx') return 'damaged';
  return claimed;
}
