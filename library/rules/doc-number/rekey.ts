/**
 * Brings stored 文号 keys to this grammar's version. Keys are computed in code, so a change to the
 * grammar or to the canonical text (DOC_NUMBER_KEY_VERSION) leaves older rows with keys the query
 * side no longer computes; openLibrary runs this at start. Idempotent: once the library is stamped
 * with the current version it reads nothing.
 */
import type { Db, Queryable } from '../../store/db';
import { docNumberKey } from './grammar';
import { DOC_NUMBER_KEY_VERSION } from './key';

/** library_meta key of the grammar version the stored keys were computed by. */
export const DOC_NUMBER_KEY_VERSION_KEY = 'rules.doc_number_key_version';
/** Two processes opening one library together re-key once. Arbitrary but fixed. */
const REKEY_LOCK_ID = 7_421_0011;

/**
 * The text of a key in the first grammar's forms ('国办发2017-47', '国家税务总局公告2020-4', '主席令-31'),
 * as a 文号 the current grammar reads; null for any other string.
 */
export function legacyKeyText(key: string): string | null {
  const order = /^(.+)令-(\d+)$/u.exec(key);
  if (order) return `${order[1]}令第${order[2]}号`;
  const announcement = /^(.+)公告((?:19|20)\d{2})?-(\d+)$/u.exec(key);
  if (announcement) return `${announcement[1]}公告${announcement[2] ? `${announcement[2]}年` : ''}第${announcement[3]}号`;
  const code = /^(.+?)((?:19|20)\d{2})-(\d+)$/u.exec(key);
  return code ? `${code[1]}〔${code[2]}〕${code[3]}号` : null;
}

/** A stored key (any earlier form) in the current canonical form; unchanged when it reads as no 文号. */
export function rekey(key: string): string {
  return docNumberKey(legacyKeyText(key) ?? key) ?? key;
}

export interface RekeyResult {
  /** Documents whose doc_number_key changed (their change_seq is bumped, so replicas re-read them). */
  documents: number;
  /** Documents whose 'n:' link keys changed. */
  linkKeys: number;
}

async function storedVersion(db: Queryable): Promise<number | null> {
  const { rows } = await db.query<{ value: unknown }>('SELECT value FROM library_meta WHERE key = $1', [DOC_NUMBER_KEY_VERSION_KEY]);
  return typeof rows[0]?.value === 'number' ? rows[0].value : null;
}

const sameList = (a: string[], b: string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Recomputes doc_number_key from doc_number and the 'n:' link keys from their old form, for every
 * document, when the library's stamp is not DOC_NUMBER_KEY_VERSION; then stamps it. One transaction.
 */
export async function rekeyDocNumbers(db: Db): Promise<RekeyResult> {
  if ((await storedVersion(db)) === DOC_NUMBER_KEY_VERSION) return { documents: 0, linkKeys: 0 };
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [REKEY_LOCK_ID]);
    if ((await storedVersion(tx)) === DOC_NUMBER_KEY_VERSION) return { documents: 0, linkKeys: 0 };
    const { rows } = await tx.query<{ id: string | number; doc_number: string | null; doc_number_key: string | null; link_keys: string[] }>(
      `SELECT id, doc_number, doc_number_key, link_keys FROM documents
        WHERE doc_number IS NOT NULL OR doc_number_key IS NOT NULL OR EXISTS (SELECT 1 FROM unnest(link_keys) k WHERE k LIKE 'n:%')`,
    );
    const keyIds: number[] = [];
    const keys: Array<string | null> = [];
    const linkIds: number[] = [];
    const links: string[] = [];
    for (const r of rows) {
      const key = docNumberKey(r.doc_number);
      if (key !== r.doc_number_key) {
        keyIds.push(Number(r.id));
        keys.push(key);
      }
      const relinked = [...new Set(r.link_keys.map((k) => (k.startsWith('n:') ? `n:${rekey(k.slice(2))}` : k)))];
      if (!sameList(relinked, r.link_keys)) {
        linkIds.push(Number(r.id));
        // One text per row (unnest cannot take a ragged text[][]); the unit separator never occurs in a key.
        links.push(relinked.join('\u001f'));
      }
    }
    if (keyIds.length > 0) {
      await tx.query(
        `UPDATE documents d SET doc_number_key = u.key, change_seq = nextval('library_change_seq')
           FROM unnest($1::bigint[], $2::text[]) AS u(id, key) WHERE d.id = u.id`,
        [keyIds, keys],
      );
    }
    if (linkIds.length > 0) {
      await tx.query(
        `UPDATE documents d SET link_keys = CASE WHEN u.keys = '' THEN '{}'::text[] ELSE string_to_array(u.keys, chr(31)) END
           FROM unnest($1::bigint[], $2::text[]) AS u(id, keys) WHERE d.id = u.id`,
        [linkIds, links],
      );
    }
    await tx.query(
      `INSERT INTO library_meta (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
      [DOC_NUMBER_KEY_VERSION_KEY, JSON.stringify(DOC_NUMBER_KEY_VERSION)],
    );
    return { documents: keyIds.length, linkKeys: linkIds.length };
  });
}
