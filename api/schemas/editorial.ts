import { arrayOf, bool, int, num, obj, row, str } from './common';

export const FAQ_ENTRY = row('a FAQ entry (library/consultation FaqEntry)', {
  id: int, question: str, status: str, version: int, answerHtml: str,
});
const duplicate = obj({ id: int, question: str, status: str, similarity: num });
export const ENTRY_WITH_DUPLICATES = obj({ entry: FAQ_ENTRY, duplicates: arrayOf(duplicate) });
export const ENTRY_PAGE = obj({ entries: arrayOf(FAQ_ENTRY), total: int }, ['entries']);
export const DUPLICATES = obj({ duplicates: arrayOf(duplicate) });
export const VERSIONS = obj({ versions: arrayOf(row('one version: who changed what, when')) });
export const HIT_TEST = obj({
  question: str,
  decision: obj({ tier: str, entries: arrayOf(int) }),
  faqs: arrayOf(obj({ id: int, question: str, matchedPhrasing: str, status: str, answerable: bool, score: num, confidence: num })),
  documents: arrayOf(row('a matching document', { id: str, title: str, score: num, current: bool })),
  library: row('what the library answer would be', { declined: bool, probability: num }),
});
export const IMPORT_REPORT = obj({
  created: int,
  skipped: arrayOf(obj({ row: int, reason: str })),
  entries: arrayOf(obj({ row: int, id: int, duplicates: arrayOf(duplicate) })),
});
export const IMPORT_PREVIEW = obj({
  create: int,
  skip: int,
  rows: arrayOf(obj({ row: int, question: { type: ['string', 'null'] }, action: { type: 'string', enum: ['create', 'skip'] }, reason: { type: ['string', 'null'] }, duplicates: arrayOf(duplicate) })),
});
export const QUEUE = obj({ groups: arrayOf(row('a group of similar unanswered questions', { id: int, question: str, count: int })), totalGroups: int });
export const DRAFTED = obj({ entry: FAQ_ENTRY, duplicates: arrayOf(duplicate), resolved: int });

export const SYNONYM = row('a synonym rule', { id: int, term: str, expansions: arrayOf(str), mode: str });
export const HOT_WORD = row('a hot word', { id: int, word: str, weight: int });
export const PIN = row('a pinned result (best bet)', { id: int, query: str, externalIds: arrayOf(str) });
export const QUERY_LOG = obj({ queries: arrayOf(row('a query of the window', { query: str, searches: int })) });
export const SUGGESTION_CANDIDATE = row('a popular query awaiting (or given) an editor\'s decision before autocomplete shows it', {
  id: int, query: str, status: str, clients: int, days: int, searches: int, qualified: bool,
});
export const BLOCKED_WORD = row('a word never suggested', { id: int, word: str });
