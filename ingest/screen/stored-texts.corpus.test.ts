/**
 * The real corpus ingested (every documents/*.jsonl feed whole, every saved page of html/, and the
 * Q&A feeds of qa/), then EVERY text column of every table scanned (titles, bodies, chunks and their
 * tokens, headings, extra, consultation entries, anything a later migration adds) with an ID-number
 * and a mobile-number detector written apart from the masker: zero unmasked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../../library/store';
import { corpusAvailable, corpusFile } from '../../library/testing/corpus';
import { planInputs, readPlannedFile, type FeedItem } from '../feeds';
import { ingestItems, type IngestSummary } from '../pipeline';

/** 18 digits whose GB 11643 check digit holds (no date or province check: stricter than the masker), or 15 with a 19YYMMDD birth date. */
function idNumbers(text: string): string[] {
  const found: string[] = [];
  for (const [m] of text.matchAll(/(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/gu)) {
    if (m.length === 15) {
      const [mo, d] = [Number(m.slice(8, 10)), Number(m.slice(10, 12))];
      if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) found.push(m);
      continue;
    }
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = weights.reduce((s, w, i) => s + w * Number(m[i]), 0);
    if ('10X98765432'[sum % 11] === m[17].toUpperCase()) found.push(m);
  }
  return found;
}

/** 1[3-9] and nine more digits, bare or written 3-4-4 with spaces or hyphens, not inside a longer number. */
const mobiles = (text: string): string[] =>
  [...text.matchAll(/(?<![0-9A-Za-z])1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])/gu)].map((m) => m[0]);

describe('the scan\'s detectors', () => {
  it('find what they look for, and not 文号, dates or hashes', () => {
    expect(idNumbers('身份证430102199001011238，老证430102900101123')).toEqual(['430102199001011238', '430102900101123']);
    expect(mobiles('手机13812345678、139-1234-5678')).toEqual(['13812345678', '139-1234-5678']);
    expect([...idNumbers('国办发〔2019〕5号 2020-02-05 ef20320011b13611854501c2'), ...mobiles('ef20320011b13611854501c2')]).toEqual([]);
  });
});

describe.skipIf(!corpusAvailable)('no unmasked ID or mobile number in any stored text of the real corpus', () => {
  let db: Db;
  let summary: IngestSummary;
  let seconds = 0;
  beforeAll(async () => {
    db = await openLibrary();
    const started = performance.now();
    const plan = await planInputs([corpusFile('documents'), corpusFile('html'), corpusFile('qa')]);
    async function* items(): AsyncGenerator<FeedItem> {
      for (const f of plan.files) yield* readPlannedFile(f);
    }
    summary = await ingestItems(db, items());
    seconds = (performance.now() - started) / 1000;
  }, 240_000);
  afterAll(async () => db?.close());

  it('scans every text column of every table', async () => {
    const { rows: columns } = await db.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
         JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
          AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')
        ORDER BY 1, 2`,
    );
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`)).toEqual(
      expect.arrayContaining(['documents.title', 'documents.body', 'documents.extra', 'chunks.text', 'chunks.heading', 'chunks.tokens']),
    );
    const leaks: string[] = [];
    let texts = 0;
    for (const { table_name: table, column_name: column } of columns) {
      const { rows } = await db.query<{ v: string }>(`SELECT "${column}"::text AS v FROM "${table}" WHERE "${column}" IS NOT NULL`);
      for (const { v } of rows) {
        texts++;
        for (const hit of [...idNumbers(v), ...mobiles(v)]) leaks.push(`${table}.${column}: ${hit} in …${v.slice(Math.max(0, v.indexOf(hit) - 40), v.indexOf(hit) + 20)}…`);
      }
    }
    console.log(
      `corpus masking scan: ${summary.added} documents (${summary.rejected.length} rejected) ingested in ${seconds.toFixed(1)} s; ` +
        `${texts} stored texts in ${columns.length} columns scanned`,
    );
    expect(summary.added).toBeGreaterThan(1500);
    expect(leaks).toEqual([]);
  });
});
