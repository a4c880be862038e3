/** Loads a data folder laid out like ../shared/corpus (see its PROVENANCE.md for the shapes). */
import { listJsonl, optStr, readJsonl, stem, str, strList } from './jsonl';
import type { Row } from './jsonl';
import { deriveDocNumberSets, idIndex, pairGoldSet } from './gold';
import type { Corpus, DataFileStamp, DocumentFile, EvalDoc, GoldQuery, GoldSet, MatchPair, QaPair, TaxonomyEntry, TopicExample } from './types';

function toDoc(row: Row, where: string): EvalDoc {
  return {
    id: str(row, 'id', where),
    title: optStr(row, 'title') ?? '',
    text: str(row, 'text', where),
    category: optStr(row, 'category'),
    docNumber: optStr(row, 'doc_number'),
    issuer: optStr(row, 'issuer'),
    published: optStr(row, 'published'),
    site: optStr(row, 'site'),
  };
}

function toGoldQuery(row: Row, where: string): GoldQuery {
  const q: GoldQuery = {
    qid: str(row, 'qid', where),
    query: str(row, 'query', where),
    relevant: strList(row, 'relevant', where),
    exclude: strList(row, 'exclude', where),
  };
  const answer = optStr(row, 'answer');
  if (answer !== null) q.answer = answer;
  return q;
}

function toMatchPair(row: Row, where: string): MatchPair {
  const label = row.label;
  if (label !== 0 && label !== 1) throw new Error(`${where}: label must be 0 or 1, got ${JSON.stringify(label)}`);
  return { id: str(row, 'id', where), a: str(row, 'a', where), b: str(row, 'b', where), label };
}

/** Reads each JSONL file of `sub` and maps its rows, naming file:row in any shape error. */
async function loadEach<T>(dir: string, sub: string, stamps: DataFileStamp[], map: (row: Row, where: string) => T | null, only = /\.jsonl$/u) {
  const out: Array<{ file: string; items: T[] }> = [];
  for (const file of (await listJsonl(dir, sub)).filter((f) => only.test(f))) {
    const rows = await readJsonl(dir, file, stamps);
    const items: T[] = [];
    rows.forEach((row, i) => {
      const item = map(row, `${file} record ${i + 1}`);
      if (item !== null) items.push(item);
    });
    out.push({ file, items });
  }
  return out;
}

export async function loadCorpus(dir: string): Promise<Corpus> {
  const files: DataFileStamp[] = [];
  const documentFiles: DocumentFile[] = (await loadEach(dir, 'documents', files, toDoc)).map(({ file, items }) => ({ file, docs: items }));
  if (documentFiles.length === 0) throw new Error(`no documents/*.jsonl under ${dir}; pass --data <folder laid out like ../shared/corpus>`);
  const where = idIndex(documentFiles);

  const goldSets: GoldSet[] = [];
  // Only *_gold.jsonl files in retrieval/ are gold sets (other files there are left alone).
  for (const { file, items } of await loadEach(dir, 'retrieval', files, toGoldQuery, /_gold\.jsonl$/u)) {
    goldSets.push(pairGoldSet(stem(file).replace(/_gold$/u, ''), file, items, where));
  }
  goldSets.push(...deriveDocNumberSets(documentFiles));

  const qa = (
    await loadEach<QaPair>(dir, 'qa', files, (row, w) => ({
      id: str(row, 'id', w),
      question: str(row, 'question', w),
      questionTitle: optStr(row, 'question_title'),
      answer: optStr(row, 'answer') ?? '',
    }))
  ).map(({ file, items }) => ({ file, pairs: items }));

  const matching = (await loadEach(dir, 'matching', files, toMatchPair)).map(({ file, items }) => ({ file, name: stem(file), pairs: items }));

  // classification/ holds labelled examples (a "topic" field) and taxonomies (a "level1" field).
  const topics: Corpus['topics'] = [];
  const taxonomy: TaxonomyEntry[] = [];
  for (const file of await listJsonl(dir, 'classification')) {
    const examples: TopicExample[] = [];
    (await readJsonl(dir, file, files)).forEach((row, i) => {
      const w = `${file} record ${i + 1}`;
      if (typeof row.topic === 'string') {
        examples.push({ id: str(row, 'id', w), title: optStr(row, 'title') ?? '', text: str(row, 'text', w), topic: row.topic });
      } else if (typeof row.level1 === 'string') {
        taxonomy.push({ level1: row.level1, level2: optStr(row, 'level2'), level3: optStr(row, 'level3') });
      }
    });
    if (examples.length > 0) topics.push({ file, examples });
  }

  return { dir, documentFiles, docs: documentFiles.flatMap((f) => f.docs), goldSets, qa, matching, topics, taxonomy, files };
}
