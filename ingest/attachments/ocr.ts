import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'tesseract.js';

/**
 * Offline OCR (tesseract.js) with Debian's models: tesseract.js would fetch its language files from a
 * CDN unless given a local `langPath`, and this machine (like a government intranet) reaches none.
 */
export interface OcrPage {
  text: string;
  /** Tesseract's mean word confidence, 0–100. */
  confidence: number;
  seconds: number;
}

/** Where Debian's tesseract-ocr-chi-sim puts chi_sim.traineddata (ZHIWEN_TESSDATA overrides). */
export function tessdataDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.ZHIWEN_TESSDATA) return existsSync(path.join(env.ZHIWEN_TESSDATA, 'chi_sim.traineddata')) ? env.ZHIWEN_TESSDATA : null;
  const root = '/usr/share/tesseract-ocr';
  if (!existsSync(root)) return null;
  for (const version of readdirSync(root).sort().reverse()) {
    const dir = path.join(root, version, 'tessdata');
    if (existsSync(path.join(dir, 'chi_sim.traineddata'))) return dir;
  }
  return null;
}

export const OCR_MISSING =
  '本机未安装中文OCR模型，扫描件无法识别 (no Chinese OCR model on this server: install Debian\'s tesseract-ocr-chi-sim, or set ZHIWEN_TESSDATA)';

let shared: Promise<Worker> | null = null;

/** One worker per process, created on first use (loading the models takes ~1 s). */
async function worker(dir: string): Promise<Worker> {
  shared ??= (async () => {
    const { createWorker, OEM, PSM } = await import('tesseract.js');
    // chi_sim alone: adding eng reads 12号 as "125" (Latin digits win over 号) and CJK brackets as ().
    const w = await createWorker('chi_sim', OEM.LSTM_ONLY, { langPath: dir, gzip: false, cacheMethod: 'none' });
    // A 公文 page is one column: read as one block (automatic segmentation put the greeting after the
    // body on a rendered notice, and took twice as long).
    await w.setParameters({ tessedit_pageseg_mode: PSM.SINGLE_BLOCK, preserve_interword_spaces: '1' });
    return w;
  })();
  return shared;
}

/**
 * Tesseract separates every CJK character by a space (Chinese text has none), reads the digit 1 as
 * "]" beside other digits or before 号/月/日, and a 文号's year brackets 〔〕 as 【] or [ ) — the one
 * place where a bracket's shape carries meaning.
 */
export function cleanOcrText(text: string): string {
  return text
    .replace(/(?<=[\p{Script=Han}])\s*[【[(（〔{]\s*((?:19|20)\d{2})\s*[\]】)）〕}]\s*(?=[\d\]l|]{1,4}\s*号)/gu, '〔$1〕')
    .replace(/(?<=\d)[\]|l](?=\d|[号月日])|(?<=[\s年第])[\]|l](?=\d|[号月日])/gu, '1')
    .replace(/(?<=[\p{Script=Han}，。、；：？！“”（）〔〕《》【】])[ \t]+(?=[\p{Script=Han}\d，。、；：？！“”（）〔〕《》【】])/gu, '')
    .replace(/(?<=\d)[ \t]+(?=[\p{Script=Han}])/gu, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** A page OCR gave up on: it took longer than the page time limit. */
export class OcrPageTimeout extends Error {
  constructor(readonly seconds: number) {
    super(`OCR of one page took longer than ${seconds} s`);
  }
}

/**
 * Recognises one page image (PNG or JPEG bytes). Past `timeoutSeconds` the shared worker is ended
 * (tesseract cannot stop a page half way; the next page starts a fresh one) and OcrPageTimeout thrown.
 */
export async function ocrImage(image: Uint8Array, dir: string, timeoutSeconds = Infinity): Promise<OcrPage> {
  const started = performance.now();
  const w = await worker(dir);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    if (Number.isFinite(timeoutSeconds)) timer = setTimeout(() => reject(new OcrPageTimeout(timeoutSeconds)), timeoutSeconds * 1000);
  });
  try {
    const { data } = await Promise.race([w.recognize(Buffer.from(image)), expired]);
    return { text: cleanOcrText(data.text), confidence: data.confidence, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    if (err instanceof OcrPageTimeout) await closeOcr().catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/** Ends the shared worker (tests, and the CLI before it exits). */
export async function closeOcr(): Promise<void> {
  const w = shared;
  shared = null;
  if (w) await (await w).terminate();
}
