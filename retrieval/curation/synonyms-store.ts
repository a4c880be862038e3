import { zhiwenError } from '../../library/errors';
import type { Db, Queryable } from '../../library/store';
import { checkWord, checkWords } from './normalize';
import { bumpVersion, isUniqueViolation, iso, notFound } from './sql';
import type { SynonymRow, SynonymRule } from './types';

export interface SynonymInput {
  term: string;
  expansions: string[];
  mode?: 'oneway' | 'equivalent';
  note?: string | null;
}

interface Row {
  id: number; term: string; expansions: string[]; mode: SynonymRule['mode']; source: SynonymRow['source'];
  note: string | null; updated_at: Date | string;
}
const COLUMNS = 'id, term, expansions, mode, source, note, updated_at';
const toRow = (r: Row): SynonymRow => ({
  id: r.id, term: r.term, expansions: r.expansions, mode: r.mode, source: r.source, note: r.note, updatedAt: iso(r.updated_at)!,
});

function checkInput(input: SynonymInput): { term: string; expansions: string[]; mode: SynonymRule['mode']; note: string | null } {
  const term = checkWord(input.term, 'term');
  return { term, expansions: checkWords(input.expansions, 'expansions', term), mode: input.mode ?? 'oneway', note: input.note ?? null };
}

const exists = (term: string) =>
  zhiwenError('SYNONYM_EXISTS', term);

export async function listSynonyms(db: Queryable, options: { contains?: string; limit?: number; offset?: number } = {}): Promise<SynonymRow[]> {
  const { rows } = await db.query<Row>(
    `SELECT ${COLUMNS} FROM curated_synonyms
      WHERE $1::text IS NULL OR term LIKE '%' || $1 || '%' OR array_to_string(expansions, ' ') LIKE '%' || $1 || '%'
      ORDER BY term LIMIT $2 OFFSET $3`,
    [options.contains || null, options.limit ?? 100, options.offset ?? 0],
  );
  return rows.map(toRow);
}

/** Every rule, for the in-memory snapshot (editors keep hundreds to a few thousand). */
export async function loadSynonymRules(db: Queryable): Promise<SynonymRule[]> {
  const { rows } = await db.query<Row>(`SELECT ${COLUMNS} FROM curated_synonyms ORDER BY id`);
  return rows.map((r) => ({ term: r.term, expansions: r.expansions, mode: r.mode }));
}

export async function createSynonym(db: Db, input: SynonymInput): Promise<SynonymRow> {
  const v = checkInput(input);
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `INSERT INTO curated_synonyms (term, expansions, mode, note) VALUES ($1, $2, $3, $4)
         ON CONFLICT (term) DO NOTHING RETURNING ${COLUMNS}`,
        [v.term, v.expansions, v.mode, v.note],
      );
      if (!rows[0]) throw exists(v.term);
      await bumpVersion(tx);
      return toRow(rows[0]);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? exists(v.term) : err;
  }
}

export async function updateSynonym(db: Db, id: number, input: SynonymInput): Promise<SynonymRow> {
  const v = checkInput(input);
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>(
        `UPDATE curated_synonyms SET term = $2, expansions = $3, mode = $4, note = $5, source = 'editor', updated_at = now()
          WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, v.term, v.expansions, v.mode, v.note],
      );
      if (!rows[0]) throw notFound('synonym rule', id);
      await bumpVersion(tx);
      return toRow(rows[0]);
    });
  } catch (err) {
    throw isUniqueViolation(err) ? exists(v.term) : err;
  }
}

export async function deleteSynonym(db: Db, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query('DELETE FROM curated_synonyms WHERE id = $1 RETURNING id', [id]);
    if (!rows[0]) throw notFound('synonym rule', id);
    await bumpVersion(tx);
  });
}

/**
 * Copies the starter list in once per library (under a row lock, so two replicas starting together seed
 * once). Rules an editor already made for the same term win. Returns how many rules were added.
 */
export async function seedStarterSynonyms(db: Db, rules: readonly SynonymRule[]): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ seeded: boolean }>('SELECT starter_synonyms_seeded AS seeded FROM curation_state WHERE id = 1 FOR UPDATE');
    if (rows[0]?.seeded) return 0;
    let added = 0;
    for (const rule of rules) {
      const v = checkInput(rule);
      const res = await tx.query(
        `INSERT INTO curated_synonyms (term, expansions, mode, source) VALUES ($1, $2, $3, 'starter') ON CONFLICT (term) DO NOTHING RETURNING id`,
        [v.term, v.expansions, v.mode],
      );
      added += res.rows.length;
    }
    await tx.query('UPDATE curation_state SET starter_synonyms_seeded = true WHERE id = 1');
    await bumpVersion(tx);
    return added;
  });
}
