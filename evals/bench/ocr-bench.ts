/**
 * OCR speed and accuracy on generated scans (`--ocr-pages N`): the sample notice rendered by Chromium,
 * read as an image and as an N-page scanned PDF through the same path ingest takes. Sample data only:
 * the corpus has no scans with gold text.
 */
import { attachmentToText } from '../../ingest/attachments';
import { closeOcr } from '../../ingest/attachments/ocr';
import { characterErrorRate, NOTICE_TEXT, renderNoticePng, scannedPdf } from '../../ingest/attachments/testing/generated-fixtures';
import { resolveInputLimits } from '../../ingest/limits';

export interface OcrBenchResult {
  pages: number;
  /** Seconds per page as tesseract reported them (the first includes loading the model). */
  secondsPerPage: { first: number; median: number; mean: number };
  /** Character error rate against the notice's text (whitespace ignored), image and PDF. */
  cer: { image: number; pdf: number };
  meanConfidence: number;
}

export async function ocrBench(pages: number): Promise<OcrBenchResult> {
  const png = await renderNoticePng();
  try {
    const image = await attachmentToText(png, 'notice.png');
    const pdf = await attachmentToText(await scannedPdf(png, pages), 'scan.pdf', undefined, resolveInputLimits({ maxOcrPages: pages }));
    const seconds = [...image.ocr!.pages, ...pdf.ocr!.pages].map((p) => p.seconds);
    const rest = seconds.slice(1).sort((a, b) => a - b);
    const pdfPages = pdf.text.split('\f');
    return {
      pages: seconds.length,
      secondsPerPage: {
        first: seconds[0],
        median: rest.length ? rest[Math.floor(rest.length / 2)] : seconds[0],
        mean: seconds.reduce((s, x) => s + x, 0) / seconds.length,
      },
      cer: { image: characterErrorRate(NOTICE_TEXT, image.text), pdf: pdfPages.reduce((s, t) => s + characterErrorRate(NOTICE_TEXT, t), 0) / pdfPages.length },
      meanConfidence: pdf.ocr!.meanConfidence,
    };
  } finally {
    await closeOcr();
  }
}

export function formatOcrBench(r: OcrBenchResult): string {
  return [
    `OCR (tesseract.js chi_sim, local model) on ${r.pages} generated 公文 pages (1 image + ${r.pages - 1} scanned PDF pages at 200 dpi):`,
    `  seconds per page: first ${r.secondsPerPage.first.toFixed(2)} (loads the model), median ${r.secondsPerPage.median.toFixed(2)}, mean ${r.secondsPerPage.mean.toFixed(2)}`,
    `  character error rate: image ${(r.cer.image * 100).toFixed(1)}%, scanned PDF ${(r.cer.pdf * 100).toFixed(1)}%; mean confidence ${r.meanConfidence}`,
  ].join('\n');
}
