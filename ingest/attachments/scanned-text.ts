import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InputLimits } from '../limits';
import { unsupportedBecause } from './errors';
import { OCR_MISSING, ocrImage, OcrPageTimeout, tessdataDir, type OcrPage } from './ocr';
import { limitVariable } from '../limits';
import { runTool, withToolFolder } from './run-tool';

/** What OCR read: the text (pages separated by form feeds) and how sure it was, page by page. */
export interface OcrText {
  text: string;
  pages: Array<Omit<OcrPage, 'text'>>;
  /** Pages in the file; more than `pages.length` when the OCR page limit cut it short. */
  pageCount: number;
  meanConfidence: number;
}

/** Told after each page OCR finishes (job progress): pages done of those to read. */
export type OcrProgress = (progress: { page: number; pages: number }) => void;

/**
 * OCR of page images in order, each within the page time limit (past it the file is rejected, naming
 * the page and the limit's variable), reporting progress after each page.
 */
export async function ocrPages(
  images: ReadonlyArray<() => Promise<Uint8Array>>,
  filename: string,
  limits: InputLimits,
  onProgress?: OcrProgress,
): Promise<OcrPage[]> {
  const models = requireModels(filename);
  const pages: OcrPage[] = [];
  for (const [i, image] of images.entries()) {
    try {
      pages.push(await ocrImage(await image(), models, limits.ocrPageTimeoutSeconds));
    } catch (err) {
      if (!(err instanceof OcrPageTimeout)) throw err;
      throw unsupportedBecause(filename, 'scanned-pdf', `page ${i + 1} took longer than ${err.seconds} s to read (${limitVariable('ocrPageTimeoutSeconds')})`, err);
    }
    onProgress?.({ page: i + 1, pages: images.length });
  }
  return pages;
}

/** Pages rendered at 200 dpi: small 公文 characters (仿宋 三号) read reliably from about 150. */
const DPI = 200;

function summarise(pages: OcrPage[], pageCount: number): OcrText {
  const mean = pages.length ? pages.reduce((s, p) => s + p.confidence, 0) / pages.length : 0;
  return {
    text: pages.map((p) => p.text).join('\n\f\n'),
    pages: pages.map(({ confidence, seconds }) => ({ confidence, seconds })),
    pageCount,
    meanConfidence: Math.round(mean * 10) / 10,
  };
}

function requireModels(filename: string): string {
  const dir = tessdataDir();
  if (!dir) throw unsupportedBecause(filename, 'scanned-pdf', OCR_MISSING);
  return dir;
}

/** OCR of a scanned PDF: pages rendered by poppler's pdftoppm, up to the OCR page limit. */
export async function ocrPdf(bytes: Uint8Array, filename: string, pageCount: number, limits: InputLimits, onProgress?: OcrProgress): Promise<OcrText> {
  requireModels(filename);
  const last = Math.min(pageCount, limits.maxOcrPages);
  return withToolFolder(async (dir) => {
    await writeFile(path.join(dir, 'input.pdf'), bytes);
    try {
      await runTool('pdftoppm', ['-r', String(DPI), '-gray', '-png', '-f', '1', '-l', String(last), 'input.pdf', 'page'], {
        cwd: dir, timeoutSeconds: limits.convertTimeoutSeconds,
      });
    } catch (err) {
      throw unsupportedBecause(filename, 'scanned-pdf', `its pages could not be rendered for OCR (${(err as Error).message}; Debian: poppler-utils)`, err);
    }
    const images = (await readdir(dir)).filter((f) => /^page-\d+\.png$/u.test(f)).sort((a, b) => Number(a.match(/\d+/)![0]) - Number(b.match(/\d+/)![0]));
    const pages = await ocrPages(images.map((image) => () => readFile(path.join(dir, image))), filename, limits, onProgress);
    return summarise(pages, pageCount);
  });
}

/** OCR of an image of a notice (PNG, JPEG). */
export async function ocrImageFile(bytes: Uint8Array, filename: string, limits: InputLimits, onProgress?: OcrProgress): Promise<OcrText> {
  return summarise(await ocrPages([async () => bytes], filename, limits, onProgress), 1);
}
