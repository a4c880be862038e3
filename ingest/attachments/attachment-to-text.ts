import { decodeHtml } from '../decode';
import { extractMainContent } from '../extract';
import { detectAttachmentKind } from './detect-format';
import { docxToText } from './docx-text';
import { inputLimitsFromEnv, type InputLimits } from '../limits';
import { unsupported, unsupportedBecause } from './errors';
import { convertWithLibreOffice, legacyOfficeToDocx, spreadsheetToText } from './legacy-office';
import { ofdToText } from './ofd-text';
import { pdfToText } from './pdf-text';
import { tessdataDir } from './ocr';
import { ocrImageFile, ocrPages, ocrPdf, type OcrProgress, type OcrText } from './scanned-text';

export type AttachmentFormat = 'pdf' | 'docx' | 'doc' | 'spreadsheet' | 'presentation' | 'ofd' | 'image' | 'txt' | 'html';

export interface AttachmentText {
  text: string;
  format: AttachmentFormat;
  /**
   * Set when (some of) the text was read by OCR: how sure it was, and how many pages it read of how
   * many. OCR text is searchable but never trusted for metadata (文号, issuer) on its own.
   */
  ocr?: Omit<OcrText, 'text'>;
}

/**
 * Text of an attachment (附件) for indexing: PDF (its text layer, else OCR), DOCX, .doc/.wps/.rtf,
 * spreadsheets (.xls/.xlsx/.et) and presentations (.ppt/.pptx/.dps) through LibreOffice, OFD (its
 * text layer, else OCR of its page images), images of notices (OCR), text and HTML. Throws
 * UnsupportedAttachmentError (with a `reason` for the editor) for what cannot be read: encrypted,
 * damaged, truncated or oversized files, and conversions that fail or time out.
 */
export async function attachmentToText(
  bytes: Uint8Array,
  filename: string,
  mime?: string,
  limits: InputLimits = inputLimitsFromEnv(),
  onProgress?: OcrProgress,
): Promise<AttachmentText> {
  const kind = detectAttachmentKind(bytes, filename, mime);
  const named = /\.([a-z0-9]+)$/iu.exec(filename)?.[1]?.toLowerCase() ?? '';
  switch (kind) {
    case 'pdf': {
      const pdf = await pdfToText(bytes, filename);
      if (!pdf.scanned) return { text: pdf.text, format: 'pdf' };
      const { text, ...ocr } = await ocrPdf(bytes, filename, pdf.pageCount, limits, onProgress);
      if (!text.replace(/\s+/gu, '')) throw unsupportedBecause(filename, 'scanned-pdf', 'OCR found no text on its pages');
      return { text, format: 'pdf', ocr };
    }
    case 'docx':
      return { text: await docxToText(bytes, filename, limits), format: 'docx' };
    case 'legacy-office':
      return { text: await docxToText(await legacyOfficeToDocx(bytes, filename, limits), filename, limits), format: 'doc' };
    case 'spreadsheet': {
      const text = await spreadsheetToText(bytes, filename, limits);
      if (!text) throw unsupportedBecause(filename, 'spreadsheet', 'LibreOffice read no cells from it');
      return { text, format: 'spreadsheet' };
    }
    case 'presentation': {
      const [pdf] = await convertWithLibreOffice(bytes, filename, 'presentation', limits);
      const { text } = await pdfToText(pdf, filename);
      if (!text.trim()) throw unsupportedBecause(filename, 'presentation', 'LibreOffice read no text from its slides');
      return { text, format: 'presentation' };
    }
    case 'ofd':
      return ofdText(bytes, filename, limits, onProgress);
    case 'image': {
      const { text, ...ocr } = await ocrImageFile(bytes, filename, limits, onProgress);
      if (!text.replace(/\s+/gu, '')) throw unsupportedBecause(filename, 'unknown', 'OCR found no text in the image');
      return { text, format: 'image', ocr };
    }
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

/** An OFD's text layer; pages that are only a scan are OCR'd when the OCR models are installed. */
async function ofdText(bytes: Uint8Array, filename: string, limits: InputLimits, onProgress?: OcrProgress): Promise<AttachmentText> {
  const ofd = await ofdToText(bytes, filename, limits);
  const models = ofd.pageImages.length ? tessdataDir() : null;
  if (!models) {
    if (!ofd.text) throw unsupportedBecause(filename, 'scanned-pdf', 'the OFD has no text layer and its page images could not be read by OCR');
    return { text: ofd.text, format: 'ofd' };
  }
  const pages = await ocrPages(ofd.pageImages.slice(0, limits.maxOcrPages).map((image) => async () => image), filename, limits, onProgress);
  const text = [ofd.text, ...pages.map((p) => p.text)].filter(Boolean).join('\n\f\n');
  if (!text) throw unsupportedBecause(filename, 'scanned-pdf', 'OCR found no text on its pages');
  const meanConfidence = Math.round((pages.reduce((s, p) => s + p.confidence, 0) / pages.length) * 10) / 10;
  return { text, format: 'ofd', ocr: { pages: pages.map(({ confidence, seconds }) => ({ confidence, seconds })), pageCount: ofd.pageCount, meanConfidence } };
}
