import { decodeHtml } from '../decode';
import { extractMainContent } from '../extract';
import { detectAttachmentKind } from './detect-format';
import { docxToText } from './docx-text';
import { inputLimitsFromEnv, type InputLimits } from '../limits';
import { unsupported, unsupportedBecause } from './errors';
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
  limits: InputLimits = inputLimitsFromEnv(),
): Promise<AttachmentText> {
  const kind = detectAttachmentKind(bytes, filename, mime);
  const named = /\.([a-z0-9]+)$/iu.exec(filename)?.[1]?.toLowerCase() ?? '';
  switch (kind) {
    case 'pdf':
      return { text: await pdfToText(bytes, filename), format: 'pdf' };
    case 'docx':
      return { text: await docxToText(bytes, filename, limits), format: 'docx' };
    case 'txt': {
      // Plain text files from Windows editors are GBK or UTF-8 with a BOM: the page decoder sniffs both.
      const text = decodeHtml(bytes).text.replace(/\r\n?/g, '\n').trim();
      return { text, format: 'txt' };
    }
    case 'html':
      return { text: extractMainContent(decodeHtml(bytes).text).text, format: 'html' };
    case 'mislabelled-html':
      throw unsupportedBecause(filename, 'mislabelled', `named .${named} but it holds an HTML page (an error or download page saved under the attachment's name?)`);
    case 'mislabelled-text':
      throw unsupportedBecause(filename, 'mislabelled', `named .${named} but it holds plain text: rename it .txt if the text is the attachment`);
    default:
      throw unsupported(filename, kind);
  }
}
