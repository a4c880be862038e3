import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InputLimits } from '../limits';
import { unsupportedBecause } from './errors';
import { OCR_MISSING, ocrImage, tessdataDir, type OcrPage } from './ocr';
import { runTool, withToolFolder } from './run-tool';

/** What OCR read: the text (pages separated by form feeds) and how sure it was, page by page. */
export interface OcrText {
  text: string;
  pages: Array<Omit<OcrPage, 'text'>>;
  /** Pages in the file; more than `pages.length` when the OCR page limit cut it short. */
  pageCount: number;
  meanConfidence: number;
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
export async function ocrPdf(bytes: Uint8Array, filename: string, pageCount: number, limits: InputLimits): Promise<OcrText> {
  const models = requireModels(filename);
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
    const pages: OcrPage[] = [];
    for (const image of images) pages.push(await ocrImage(await readFile(path.join(dir, image)), models));
    return summarise(pages, pageCount);
  });
}

/** OCR of an image of a notice (PNG, JPEG). */
export async function ocrImageFile(bytes: Uint8Array, filename: string): Promise<OcrText> {
  return summarise([await ocrImage(bytes, requireModels(filename))], 1);
}
