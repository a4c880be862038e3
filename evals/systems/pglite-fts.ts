/**
 * PostgreSQL's own full-text ranking as a baseline, in an in-memory PGlite: the 'simple'
 * configuration over the baseline jieba tokens, ranked by ts_rank_cd. Two query modes
 * (BASELINES.md): OR of all query tokens, and AND first, filled up with OR.
 *
 * The tsvector is written as a literal ('tok':position …) instead of to_tsvector('simple', tokens
 * joined by spaces): PGlite's text parser splits mixed tokens such as "a市" that PostgreSQL with a
 * UTF-8 locale keeps whole, and the 'simple' dictionary only lower-cases (already done), so the
 * literal is what a UTF-8 PostgreSQL would produce. The same holds for the tsquery.
 *
 * The title is weighted 'A' (setweight, PostgreSQL's usual way to favour titles) and the text
 * keeps the default weight D: with it the laws gold set gives BASELINES.md's R@10 0.601 (title and
 * text unweighted: 0.466), and the consultation set, whose titles are neutral, is unchanged.
 */
import { PGlite } from '@electric-sql/pglite';
import type { EvalDoc } from '../data/types';
import { tokenize } from '../text';
import type { RetrievalSystem, SystemFactory } from './types';

/** Rows per INSERT: large enough to amortise the round trip, small enough for PGlite's memory. */
const INSERT_BATCH = 500;

export type PgQueryMode = 'or' | 'and-or';

const SEARCH_SQL = `
  SELECT id FROM docs, CAST($1 AS tsquery) AS q
  WHERE tsv @@ q
  ORDER BY ts_rank_cd(tsv, q) DESC, seq
  LIMIT $2`;

const quote = (token: string): string => `'${token.replace(/'/gu, "''")}'`;

/** tsvector literal of a token sequence: each token with its 1-based position. */
export function toTsvector(tokens: readonly string[]): string {
  return tokens.map((t, i) => `${quote(t)}:${i + 1}`).join(' ');
}

/** A tsquery over tokens that hold no punctuation (the analyzer splits on it), each quoted. */
export function toTsquery(tokens: readonly string[], op: '&' | '|'): string {
  return [...new Set(tokens)].map(quote).join(` ${op} `);
}

export class PgFtsSystem implements RetrievalSystem {
  private db: PGlite | null = null;

  constructor(
    readonly name: string,
    private readonly mode: PgQueryMode,
  ) {}

  async index(docs: EvalDoc[]): Promise<void> {
    await this.close();
    const db = new PGlite();
    this.db = db;
    await db.exec(`CREATE TABLE docs (seq integer PRIMARY KEY, id text NOT NULL, tsv tsvector NOT NULL);`);
    for (let start = 0; start < docs.length; start += INSERT_BATCH) {
      const batch = docs.slice(start, start + INSERT_BATCH);
      await db.query(
        `INSERT INTO docs SELECT s, i, setweight(CAST(h AS tsvector), 'A') || CAST(t AS tsvector)
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS u(s, i, h, t)`,
        [
          batch.map((_, j) => start + j),
          batch.map((d) => d.id),
          batch.map((d) => toTsvector(tokenize(d.title))),
          batch.map((d) => toTsvector(tokenize(d.text))),
        ],
      );
    }
    await db.exec(`CREATE INDEX docs_tsv ON docs USING gin (tsv); ANALYZE docs;`);
  }

  async search(query: string, k: number): Promise<string[]> {
    const db = this.db;
    if (!db) throw new Error(`${this.name}: search() before index(); index the documents first`);
    const tokens = tokenize(query);
    if (tokens.length === 0) return [];
    const run = async (tsquery: string, limit: number): Promise<string[]> =>
      (await db.query<{ id: string }>(SEARCH_SQL, [tsquery, limit])).rows.map((r) => r.id);
    const orHits = (): Promise<string[]> => run(toTsquery(tokens, '|'), k);
    if (this.mode === 'or') return orHits();
    const andHits = await run(toTsquery(tokens, '&'), k);
    if (andHits.length >= k) return andHits;
    const seen = new Set(andHits);
    return [...andHits, ...(await orHits()).filter((id) => !seen.has(id))].slice(0, k);
  }

  async close(): Promise<void> {
    const db = this.db;
    this.db = null;
    if (db) await db.close();
  }
}

export const pgTsRankCd: SystemFactory = {
  name: 'pg-ts-rank-cd',
  description: "PGlite ts_rank_cd over jieba tokens ('simple' config, title weight A), OR tsquery",
  create: () => new PgFtsSystem('pg-ts-rank-cd', 'or'),
};

export const pgAndOr: SystemFactory = {
  name: 'pg-and-or',
  description: "PGlite ts_rank_cd over jieba tokens ('simple' config, title weight A), AND tsquery filled up with OR",
  create: () => new PgFtsSystem('pg-and-or', 'and-or'),
};
