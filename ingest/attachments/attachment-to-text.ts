import { decodeHtml } from '../decode';
import { extractMainContent } from '../extract';
import { detectAttachmentKind } from './detect-format';
import { docxToText } from './docx-text';
import { unsupported } from './errors';
import { pdfToText } from './pdf-text';

export type AttachmentFormat = 'pdf' | 'docx' | 'txt' | 'html';

export interface AttachmentText {
  text: string;
  format: AttachmentFormat;
}

/**
 * Text of an attachment (附件) for indexing. Throws UnsupportedAttachmentError (with a `reason`
 * for the editor) for .doc/.wps, OFD, spreadsheets, presentations, scanned or encrypted PDFs.
 */
export async function attachmentToText(
  bytes: Uint8Array,
  filename: string,
  mime?: string,
): Promise<AttachmentText> {
  const kind = detectAttachmentKind(bytes, filename, mime);
  switch (kind) {
    case 'pdf':
      return { text: await pdfToText(bytes, filename), format: 'pdf' };
    case 'docx':
      return { text: await docxToText(bytes, filename), format: 'docx' };
    case 'txt': {
      // Plain text files from Windows editors are GBK or UTF-8 with a BOM: the page decoder sniffs both.
      const text = decodeHtml(bytes).text.replace(/\r\n?/g, '\n').trim();
      return { text, format: 'txt' };
    }
    case 'html':
      return { text: extractMainContent(decodeHtml(bytes).text).text, format: 'html' };
    default:
      throw unsupported(filename, kind);
  }
}
