import { ZhiwenError, zhiwenError } from '../../library/errors';
import type { Db, Queryable } from '../../library/store';
import { checkWord } from './normalize';
import { bumpVersion, isUniqueViolation, iso, notFound, resolveSite } from './sql';
import type { HotWordRow } from './types';

export interface HotWordInput {
  /** Site code; omitted or null = the whole platform. */
  site?: string | null;
  word: string;
  weight?: number;
  /** ISO 8601 time after which the word is no longer shown. */
  expiresAt?: string | null;
}

interface Row { id: number; site: string | null; word: string; weight: number; expires_at: Date | string | null; updated_at: Date | string }
const SELECT = `SELECT h.id, s.code AS site, h.word, h.weight, h.expires_at, h.updated_at
                  FROM curated_hot_words h LEFT JOIN sites s ON s.id = h.site_id`;
const toRow = (r: Row): HotWordRow => ({
  id: r.id, site: r.site, word: r.word, weight: r.weight, expiresAt: iso(r.expires_at), updatedAt: iso(r.updated_at)!,
});

function checkExpiry(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new ZhiwenError('BAD_CURATION_INPUT', `expiresAt "${value}" is not a date-time; use ISO 8601, e.g. 2026-12-31T23:59:59+08:00`);
  return new Date(t).toISOString();
}

const exists = (word: string, site: string | null | undefined) =>
  zhiwenError('HOT_WORD_EXISTS', word, site ? `site ${site}` : 'the platform');

export async function listHotWords(db: Queryable, options: { site?: string; includeExpired?: boolean } = {}): Promise<HotWordRow[]> {
  const { rows } = await db.query<Row>(
    `${SELECT} WHERE ($1::text IS NULL OR s.code = $1) AND ($2 OR h.expires_at IS NULL OR h.expires_at > now())
      ORDER BY s.code NULLS FIRST, h.weight DESC, h.id`,
    [options.site || null, options.includeExpired ?? true],
  );
  return rows.map(toRow);
}

async function write(db: Db, input: HotWordInput, run: (tx: Queryable, siteId: number | null, word: string) => Promise<Row | undefined>, id?: number): Promise<HotWordRow> {
  const word = checkWord(input.word, 'word');
  const weight = input.weight ?? 0;
  if (!Number.isInteger(weight) || weight < -1000 || weight > 1000) {
    throw new ZhiwenError('BAD_CURATION_INPUT', `weight must be an integer from -1000 to 1000, got ${weight}`);
  }
  checkExpiry(input.expiresAt);
  try {
    return await db.transaction(async (tx) => {
      const siteId = await resolveSite(tx, input.site);
      const row = await run(tx, siteId, word);
      if (!row) throw id === undefined ? exists(word, input.site) : notFound('hot word', id);
      await bumpVersion(tx);
      const full = await tx.query<Row>(`${SELECT} WHERE h.id = $1`, [row.id]);
      return toRow(full.rows[0]);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? exists(word, input.site) : err;
  }
}

export function createHotWord(db: Db, input: HotWordInput): Promise<HotWordRow> {
  return write(db, input, async (tx, siteId, word) =>
    (await tx.query<Row>(
      `INSERT INTO curated_hot_words (site_id, word, weight, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT ((COALESCE(site_id, 0)), word) DO NOTHING RETURNING id`,
      [siteId, word, input.weight ?? 0, checkExpiry(input.expiresAt)],
    )).rows[0]);
}

export function updateHotWord(db: Db, id: number, input: HotWordInput): Promise<HotWordRow> {
  return write(db, input, async (tx, siteId, word) =>
    (await tx.query<Row>(
      `UPDATE curated_hot_words SET site_id = $2, word = $3, weight = $4, expires_at = $5, updated_at = now() WHERE id = $1 RETURNING id`,
      [id, siteId, word, input.weight ?? 0, checkExpiry(input.expiresAt)],
    )).rows[0], id);
}

export async function deleteHotWord(db: Db, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query('DELETE FROM curated_hot_words WHERE id = $1 RETURNING id', [id]);
    if (!rows[0]) throw notFound('hot word', id);
    await bumpVersion(tx);
  });
}
