/**
 * Page extraction quality over the saved pages of the corpus (html/index.jsonl): decode the raw
 * bytes with ingest/decode, extract with ingest/extract, score the text against the hand-made
 * gold with character P/R/F1 (BASELINES.md: Mozilla Readability 0.780 / 0.962 / 0.813).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { decodeHtml, normalizeCharset } from '../../ingest/decode';
import { extractMainContent } from '../../ingest/extract';
import { charPrf } from '../metrics/char-f1';
import type { Prf } from '../metrics/char-f1';

interface PageRecord {
  file: string;
  charset: string;
  charset_note: string | null;
  page_type: string;
  gold_text_file: string | null;
}

export interface PageExtractionScore extends Prf {
  file: string;
  /** Decoder used (utf-8, gb18030, big5 …). */
  charset: string;
  pageType: string;
}

export interface ExtractionEvalResult {
  /** Pages that have gold text, scored. */
  pages: PageExtractionScore[];
  /** Macro average over `pages`. */
  mean: Prf;
  /** Macro average per source folder (cwced, gne, gerapy): only sources with gold appear. */
  bySource: Record<string, Prf & { pages: number }>;
  /** Pages decoded to the recorded charset with no U+FFFD beyond what the bytes themselves hold. */
  decodedWithoutMojibake: number;
  /** All pages in the index, with or without gold. */
  total: number;
}

function meanOf(rows: Prf[]): Prf {
  const n = Math.max(1, rows.length);
  const sum = (k: keyof Prf): number => rows.reduce((a, r) => a + r[k], 0) / n;
  return { precision: sum('precision'), recall: sum('recall'), f1: sum('f1') };
}

function countOf(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** True when the decoded text has no replacement characters the bytes do not explain. */
function decodedCleanly(bytes: Buffer, text: string, charset: string, record: PageRecord): boolean {
  if (normalizeCharset(record.charset) !== charset) return false;
  const literal = countOf(bytes, Buffer.from([0xef, 0xbf, 0xbd]));
  // PROVENANCE lists pages with a few undecodable sequences in their charset_note.
  const undecodable = Number(/(\d+) undecodable/.exec(record.charset_note ?? '')?.[1] ?? 0);
  return (text.match(/\uFFFD/g)?.length ?? 0) <= literal + undecodable;
}

export async function evaluateExtraction(corpusDir: string): Promise<ExtractionEvalResult> {
  const htmlDir = path.join(corpusDir, 'html');
  const indexFile = path.join(htmlDir, 'index.jsonl');
  const raw = await readFile(indexFile, 'utf8').catch((err: unknown) => {
    throw new Error(
      `cannot read ${indexFile}: set ZHIWEN_CORPUS to the corpus directory that holds html/index.jsonl`,
      {
        cause: err,
      },
    );
  });
  const records = raw
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as PageRecord);

  const pages: PageExtractionScore[] = [];
  const bySourceRows: Record<string, Prf[]> = {};
  let clean = 0;
  for (const record of records) {
    const bytes = await readFile(path.join(htmlDir, record.file));
    const decoded = decodeHtml(bytes);
    if (decodedCleanly(bytes, decoded.text, decoded.charset, record)) clean++;
    if (!record.gold_text_file) continue;
    const gold = await readFile(path.join(htmlDir, record.gold_text_file), 'utf8');
    const score = charPrf(extractMainContent(decoded.text).text, gold);
    pages.push({ file: record.file, charset: decoded.charset, pageType: record.page_type, ...score });
    const source = record.file.split('/')[0];
    (bySourceRows[source] ??= []).push(score);
  }
  const bySource: ExtractionEvalResult['bySource'] = {};
  for (const [source, rows] of Object.entries(bySourceRows))
    bySource[source] = { ...meanOf(rows), pages: rows.length };
  return { pages, mean: meanOf(pages), bySource, decodedWithoutMojibake: clean, total: records.length };
}
