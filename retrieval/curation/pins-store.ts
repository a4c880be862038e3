import { ZhiwenError, zhiwenError } from '../../library/errors';
import type { Db, Queryable } from '../../library/store';
import { MAX_PIN_QUERY_CHARS, pinKey } from './normalize';
import { bumpVersion, isUniqueViolation, iso, notFound, resolveSite } from './sql';
import type { PinRow } from './types';

/** Most documents one query can pin: best bets are a handful, not a result page. */
export const MAX_PINNED_DOCUMENTS = 10;

export interface PinInput {
  site?: string | null;
  query: string;
  externalIds: string[];
  note?: string | null;
}

interface Row { id: number; site: string | null; query: string; external_ids: string[]; note: string | null; updated_at: Date | string }
const SELECT = `SELECT p.id, s.code AS site, p.query, p.external_ids, p.note, p.updated_at
                  FROM curated_pins p LEFT JOIN sites s ON s.id = p.site_id`;
const toRow = (r: Row): PinRow => ({
  id: r.id, site: r.site, query: r.query, externalIds: r.external_ids, note: r.note, updatedAt: iso(r.updated_at)!,
});

function checkInput(input: PinInput): { query: string; externalIds: string[] } {
  const query = pinKey(input.query);
  if (!query) throw new ZhiwenError('BAD_CURATION_INPUT', 'query is empty after trimming: give the query this pin answers');
  if (query.length > MAX_PIN_QUERY_CHARS) {
    throw new ZhiwenError('BAD_CURATION_INPUT', `query is ${query.length} characters; the limit is ${MAX_PIN_QUERY_CHARS}`);
  }
  const externalIds = [...new Set(input.externalIds.map((e) => e.trim()).filter(Boolean))];
  if (externalIds.length === 0 || externalIds.length > MAX_PINNED_DOCUMENTS) {
    throw new ZhiwenError('BAD_CURATION_INPUT', `externalIds needs 1 to ${MAX_PINNED_DOCUMENTS} document ids (as in search results' "id"), got ${externalIds.length}`);
  }
  return { query, externalIds };
}

const exists = (query: string, site: string | null | undefined) =>
  zhiwenError('PIN_EXISTS', query, site ? `site ${site}` : 'the platform');

export async function listPins(db: Queryable, options: { site?: string } = {}): Promise<PinRow[]> {
  const { rows } = await db.query<Row>(`${SELECT} WHERE ($1::text IS NULL OR s.code = $1) ORDER BY s.code NULLS FIRST, p.query`, [options.site || null]);
  return rows.map(toRow);
}

async function write(db: Db, input: PinInput, run: (tx: Queryable, siteId: number | null, v: { query: string; externalIds: string[] }) => Promise<{ id: number } | undefined>, id?: number): Promise<PinRow> {
  const v = checkInput(input);
  try {
    return await db.transaction(async (tx) => {
      const siteId = await resolveSite(tx, input.site);
      const row = await run(tx, siteId, v);
      if (!row) throw id === undefined ? exists(v.query, input.site) : notFound('pin', id);
      await bumpVersion(tx);
      return toRow((await tx.query<Row>(`${SELECT} WHERE p.id = $1`, [row.id])).rows[0]);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? exists(v.query, input.site) : err;
  }
}

export function createPin(db: Db, input: PinInput): Promise<PinRow> {
  return write(db, input, async (tx, siteId, v) =>
    (await tx.query<{ id: number }>(
      `INSERT INTO curated_pins (site_id, query, external_ids, note) VALUES ($1, $2, $3, $4)
       ON CONFLICT ((COALESCE(site_id, 0)), query) DO NOTHING RETURNING id`,
      [siteId, v.query, v.externalIds, input.note ?? null],
    )).rows[0]);
}

export function updatePin(db: Db, id: number, input: PinInput): Promise<PinRow> {
  return write(db, input, async (tx, siteId, v) =>
    (await tx.query<{ id: number }>(
      'UPDATE curated_pins SET site_id = $2, query = $3, external_ids = $4, note = $5, updated_at = now() WHERE id = $1 RETURNING id',
      [id, siteId, v.query, v.externalIds, input.note ?? null],
    )).rows[0], id);
}

export async function deletePin(db: Db, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query('DELETE FROM curated_pins WHERE id = $1 RETURNING id', [id]);
    if (!rows[0]) throw notFound('pin', id);
    await bumpVersion(tx);
  });
}
