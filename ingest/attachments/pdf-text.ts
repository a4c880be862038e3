/**
 * PDF → text with pdfjs (legacy build: runs in Node without a DOM). CMaps are required for
 * Chinese PDFs: their CID fonts map to Unicode only through the predefined Adobe CMaps.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { unsupported } from './errors';

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
const CMAP_URL = path.join(pdfjsRoot, 'cmaps') + path.sep;
const STANDARD_FONTS_URL = path.join(pdfjsRoot, 'standard_fonts') + path.sep;

/**
 * Fewer visible characters per page than this means there is no usable text layer (scanned).
 * A real text page carries hundreds; page numbers or a stamp alone carry a few.
 */
const MIN_CHARS_PER_PAGE = 10;

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/** A PDF's text layer; `scanned` when it has (almost) none, so the caller may OCR its `pageCount` pages. */
export interface PdfText {
  text: string;
  pageCount: number;
  scanned: boolean;
}

export async function pdfToText(bytes: Uint8Array, filename: string): Promise<PdfText> {
  // pdfjs transfers (detaches) the buffer it is given: hand it a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    cMapUrl: CMAP_URL,
    cMapPacked: true,
    standardFontDataUrl: STANDARD_FONTS_URL,
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    const name = (err as { name?: string }).name;
    throw unsupported(filename, name === 'PasswordException' ? 'encrypted' : 'damaged', err);
  }
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items as TextItemLike[]) {
        text += item.str ?? '';
        if (item.hasEOL) text += '\n';
      }
      pages.push(text.replace(/[ \t]+\n/g, '\n').trim());
      page.cleanup();
    }
    const text = pages.filter((p) => p).join('\n');
    const scanned = text.replace(/\s+/g, '').length < MIN_CHARS_PER_PAGE * doc.numPages;
    return { text, pageCount: doc.numPages, scanned };
  } finally {
    await task.destroy();
  }
}
