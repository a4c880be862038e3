/**
 * Builds a library of N synthetic chunks for the speed benchmarks, written straight into the store
 * in bulk (the ingest pipeline's per-document path would take hours at 1M chunks on 2 cores).
 * Chunks recombine real corpus sentences (seeded), so term statistics look like real text. Each
 * sentence is analysed once and its tokens reused, which is what analysing the chunk would give,
 * give or take a word split across a sentence boundary.
 */
import { analyze, ANALYZER_VERSION } from '../../library/analyzer';
import type { Db } from '../../library/store';
import { mulberry32 } from './prng';
import type { SentencePool } from './synth';
import { DEFAULT_SEED, TARGET_CHARS } from './synth';

/** Chunks per synthetic document: policy pages are a few screens long. */
const CHUNKS_PER_DOC = 3;
const BATCH_DOCS = 500;

export async function buildScaledLibrary(
  db: Db,
  pool: SentencePool,
  chunks: number,
  seed = DEFAULT_SEED,
  onProgress?: (done: number) => void,
): Promise<{ documents: number; chunks: number }> {
  const rand = mulberry32(seed);
  const sentenceTokens = pool.sentences.map((s) => analyze(s).join(' '));
  const titleTokens = pool.titles.map((t) => analyze(t).join(' '));
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO sites (code, name, level) VALUES ('synthetic', '合成数据（基准测试）', 'department')
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
  );
  const siteId = rows[0].id;
  const pick = (n: number) => Math.floor(rand() * n);
  let made = 0;
  let docNo = 0;
  while (made < chunks) {
    const docs: { ext: string[]; title: string[]; titleTokens: string[]; body: string[] } = { ext: [], title: [], titleTokens: [], body: [] };
    const chunkRows: Array<{ doc: number; ordinal: number; text: string; tokens: string }> = [];
    for (let d = 0; d < BATCH_DOCS && made < chunks; d++, docNo++) {
      const t = pick(pool.titles.length);
      const texts: string[] = [];
      for (let c = 0; c < CHUNKS_PER_DOC && made < chunks; c++, made++) {
        let text = '';
        const tokens: string[] = [];
        while (text.length < TARGET_CHARS) {
          const s = pick(pool.sentences.length);
          text += pool.sentences[s];
          tokens.push(sentenceTokens[s]);
        }
        texts.push(text);
        chunkRows.push({ doc: d, ordinal: c, text, tokens: tokens.join(' ') });
      }
      docs.ext.push(`synth-${docNo}`);
      docs.title.push(pool.titles[t]);
      docs.titleTokens.push(titleTokens[t]);
      docs.body.push(texts.join('\n'));
    }
    await db.transaction(async (tx) => {
      const inserted = await tx.query<{ id: number }>(
        `INSERT INTO documents (external_id, site_id, title, body, info_type, content_hash, title_tokens, analyzer_version)
         SELECT e, $1, t, b, '其他', e, tt, $6 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(e, t, b, tt)
         RETURNING id`,
        [siteId, docs.ext, docs.title, docs.body, docs.titleTokens, ANALYZER_VERSION],
      );
      const ids = inserted.rows.map((r) => Number(r.id));
      await tx.query(
        `INSERT INTO chunks (document_id, ordinal, text, tokens)
         SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[])`,
        [chunkRows.map((r) => ids[r.doc]), chunkRows.map((r) => r.ordinal), chunkRows.map((r) => r.text), chunkRows.map((r) => r.tokens)],
      );
    });
    onProgress?.(made);
  }
  return { documents: docNo, chunks: made };
}
