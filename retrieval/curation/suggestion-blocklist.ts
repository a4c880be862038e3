import { zhiwenError } from '../../library/errors';
import type { Db, Queryable } from '../../library/store';
import { checkWord } from './normalize';
import { bumpVersion, isUniqueViolation, iso, notFound } from './sql';

/**
 * What is never suggested whatever editors approve, tested on the query in index form (folded,
 * lower case): something personal or a way to contact someone, the shape of a scam line.
 * Phone numbers (mobile 1[3-9]xxxxxxxxx, landlines 0xx-xxxxxxxx, 400/800 lines), any run of 6+ digits
 * (ID cards, accounts, QQ numbers), e-mail, URLs and domains, and contact words (加微信, 加v, qq号, 电报…).
 */
const CONTACT_PATTERNS: readonly RegExp[] = [
  /\d{6,}/,
  /(?:^|\D)1[3-9]\d(?:[\s-]?\d){8}(?:\D|$)/,
  /(?:^|\D)0\d{2,3}[\s-]\d{7,8}(?:\D|$)/,
  /(?:^|\D)[48]00[\s-]?\d{3}[\s-]?\d{4}/,
  // A local number written 8765-4321; a year range (2023-2024) is not one.
  /(?:^|\D)(?!(?:19|20)\d\d[\s-](?:19|20)\d\d)\d{4}[\s-]\d{4}(?:\D|$)/,
  /@/,
  /https?:|www\.|:\/\//,
  /[a-z0-9-]+\.(?:com|cn|net|org|top|xyz|vip|cc|me|io|info|site|shop|club|app|link)(?:\W|$)/,
  // Ways to be contacted and the scam's own words; not 微信 or 贷款 alone (微信缴费, 公积金贷款 are real questions).
  /加微信|加威信|加薇信|微信号|vx|wx号|加v|➕v|\+v|加qq|qq号|qq群|扣扣|电报|telegram|tg群|whatsapp|加群|私聊|刷单|返利|包过/,
];

/** Whether a query (index form) is never to be suggested: a contact pattern or an editor's blocked word inside it. */
export function isBlockedSuggestion(query: string, words: readonly string[]): boolean {
  const compact = query.replace(/\s+/g, ' ');
  if (CONTACT_PATTERNS.some((p) => p.test(compact))) return true;
  const spaceless = compact.replace(/\s+/g, '');
  return words.some((w) => w && spaceless.includes(w.replace(/\s+/g, '')));
}

export interface BlockedWordRow {
  id: number;
  word: string;
  note: string | null;
  createdAt: string;
}

interface Row { id: number; word: string; note: string | null; created_at: Date | string }
const toRow = (r: Row): BlockedWordRow => ({ id: r.id, word: r.word, note: r.note, createdAt: iso(r.created_at)! });

export async function listBlockedWords(db: Queryable): Promise<BlockedWordRow[]> {
  const { rows } = await db.query<Row>('SELECT id, word, note, created_at FROM suggestion_blocklist ORDER BY word');
  return rows.map(toRow);
}

/** Adds a word editors never want suggested; pending candidates containing it are rejected with it. */
export async function createBlockedWord(db: Db, input: { word: string; note?: string | null }, actor: string): Promise<BlockedWordRow> {
  const word = checkWord(input.word, 'word');
  try {
    return await db.transaction(async (tx) => {
      const { rows } = await tx.query<Row>('INSERT INTO suggestion_blocklist (word, note) VALUES ($1, $2) RETURNING id, word, note, created_at', [word, input.note ?? null]);
      await tx.query(
        `UPDATE suggestion_candidates SET status = 'rejected', reviewed_by = $2, reviewed_at = now()
          WHERE status = 'pending' AND strpos(replace(query, ' ', ''), replace($1, ' ', '')) > 0`,
        [word, actor],
      );
      await bumpVersion(tx);
      return toRow(rows[0]);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw zhiwenError('BLOCKED_WORD_EXISTS', word);
    throw err;
  }
}

export async function deleteBlockedWord(db: Db, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const { rows } = await tx.query('DELETE FROM suggestion_blocklist WHERE id = $1 RETURNING id', [id]);
    if (rows.length === 0) throw notFound('blocked word', id);
    await bumpVersion(tx);
  });
}
