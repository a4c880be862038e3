/**
 * The real corpus through the real readers and pipeline: every saved page (GB2312, GBK, UTF-8,
 * CleanEval-wrapped or browser-saved) ingests without mojibake, and the document feeds ingest with
 * the expected summary. Bounded: the laws feed is read in part (the CLI run over all of it is in the
 * lead's report, not in the test suite).
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary, type Db } from '../../library/store';
import { corpusAvailable, corpusFile } from '../../library/testing/corpus';
import { planInputs, readPlannedFile, type FeedItem } from '../feeds';
import { ingestItems, LibraryWriter, type IngestSummary } from './index';

interface PageRecord {
  file: string;
  charset_note: string | null;
  gold_text_file: string | null;
}

const cjk = (s: string): string => s.replace(/[^\u4e00-\u9fff]/gu, '');
const LAWS_SAMPLE = 60;

describe.skipIf(!corpusAvailable)('the real corpus through the CLI readers', () => {
  let db: Db;
  let writer: LibraryWriter;
  beforeAll(async () => {
    db = await openLibrary();
    writer = new LibraryWriter(db);
  });
  afterAll(async () => db?.close());

  async function ingestPaths(paths: string[]): Promise<IngestSummary> {
    const plan = await planInputs(paths);
    expect(plan.rejected).toEqual([]);
    async function* items(): AsyncGenerator<FeedItem> {
      for (const f of plan.files) yield* readPlannedFile(f);
    }
    return ingestItems(db, items(), { writer });
  }

  it('ingests every saved page of html/ without mojibake', async () => {
    const records = readFileSync(corpusFile('html', 'index.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as PageRecord);
    const summary = await ingestPaths([corpusFile('html')]);
    expect(summary.rejected).toEqual([]);
    expect(summary.added).toBe(records.length);

    const { rows } = await db.query<{ title: string; body: string; file: string }>(
      `SELECT title, body, extra->'page'->>'file' AS file FROM documents WHERE extra->>'kind' = 'page'`,
    );
    const byFile = new Map(rows.map((r) => [r.file, r]));
    const problems: string[] = [];
    for (const record of records) {
      const stored = byFile.get(path.join('html', record.file));
      if (!stored) {
        problems.push(`${record.file}: not stored`);
        continue;
      }
      const bytes = readFileSync(corpusFile('html', record.file));
      const literal = bytes.toString('latin1').split('\xef\xbf\xbd').length - 1;
      const undecodable = Number(/(\d+) undecodable/u.exec(record.charset_note ?? '')?.[1] ?? 0);
      const replacements = `${stored.title}${stored.body}`.match(/\uFFFD/gu)?.length ?? 0;
      if (replacements > literal + undecodable) problems.push(`${record.file}: ${replacements} U+FFFD`);
      if (cjk(stored.body).length < 10) problems.push(`${record.file}: only ${cjk(stored.body).length} Chinese characters`);
      if (record.gold_text_file) {
        // Decoded right, the stored text shares long runs with the hand-made gold text.
        const gold = cjk(readFileSync(corpusFile('html', record.gold_text_file), 'utf8'));
        const text = cjk(`${stored.title}${stored.body}`);
        const windows = [0.2, 0.4, 0.6, 0.8].map((f) => gold.slice(Math.floor(gold.length * f), Math.floor(gold.length * f) + 8));
        if (!windows.some((w) => w.length === 8 && text.includes(w))) problems.push(`${record.file}: no 8-character run of the gold text`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('ingests the document feeds with per-category counts, rejecting titleless records by line', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zhiwen-corpus-'));
    const laws = path.join(dir, 'laws_lawrefbook.jsonl');
    const lawLines = readFileSync(corpusFile('documents', 'laws_lawrefbook.jsonl'), 'utf8').split('\n').filter(Boolean);
    await writeFile(laws, lawLines.slice(0, LAWS_SAMPLE).join('\n'));
    const ncp = corpusFile('documents', 'ncp2020_policy_docs.jsonl');
    const replies = corpusFile('documents', 'taidi2020c_replies.jsonl');
    const count = (file: string, keep: (r: { title: string | null }) => boolean) =>
      readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { title: string | null }).filter(keep).length;

    const summary = await ingestPaths([laws, ncp, replies]);
    const titleless = count(ncp, (r) => !r.title);
    expect(summary.rejected).toHaveLength(titleless);
    expect(new Set(summary.rejected.map((r) => r.reason))).toEqual(new Set(['title is missing']));
    expect(summary.added).toBe(LAWS_SAMPLE + count(ncp, (r) => Boolean(r.title)) + count(replies, () => true));
    expect(summary.byCategory['互动交流']).toBeGreaterThanOrEqual(count(replies, () => true));
    expect(summary.byCategory['政策文件']).toBeGreaterThanOrEqual(LAWS_SAMPLE);
    // The NCP feed holds one guide twice (two ids, same text): one cluster, nothing else merged.
    expect(summary).toMatchObject({ clustersCreated: 1, clustered: 1 });

    const again = await ingestPaths([ncp]);
    expect(again).toMatchObject({ added: 0, updated: 0, clustered: 0 });
  });
});
