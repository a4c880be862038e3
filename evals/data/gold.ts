/**
 * Gold sets and the documents they pair with. The pairing is derived from the ids (PROVENANCE.md:
 * each gold set's relevant ids live in one documents/ file), never from file names, so a data
 * folder with other names or a new gold file works unchanged.
 */
import { stem } from './jsonl';
import type { DocumentFile, EvalDoc, GoldQuery, GoldSet } from './types';

/** Which documents/ file holds each id; a duplicated id across the library is an error. */
export function idIndex(files: readonly DocumentFile[]): Map<string, string> {
  const where = new Map<string, string>();
  for (const { file, docs } of files) {
    for (const d of docs) {
      const prev = where.get(d.id);
      if (prev !== undefined) {
        throw new Error(`document id "${d.id}" occurs in both ${prev} and ${file}; ids must be unique across documents/`);
      }
      where.set(d.id, file);
    }
  }
  return where;
}

/**
 * The documents/ files holding a gold set's relevant ids. Every relevant id must exist in the
 * unified library; a missing one means the gold set and the documents do not belong together.
 */
export function pairGoldSet(name: string, source: string, queries: GoldQuery[], where: ReadonlyMap<string, string>): GoldSet {
  const files = new Set<string>();
  const missing: string[] = [];
  for (const q of queries) {
    for (const id of q.relevant) {
      const file = where.get(id);
      if (file === undefined) missing.push(id);
      else files.add(file);
    }
  }
  if (missing.length > 0) {
    throw new Error(
      `${source}: ${missing.length} relevant id(s) are in no documents/ file (first: ${missing.slice(0, 3).join(', ')}); ` +
        'add the documents that hold them or remove those gold lines',
    );
  }
  return { name, source, queries, docFiles: [...files].sort() };
}

/** 文号 keys compare without whitespace (the same number is sometimes written with spaces). */
function docNumberKey(docNumber: string): string {
  return docNumber.replace(/\s+/gu, '');
}

/**
 * Derived 文号 gold, one set per documents/ file that has doc numbers (BASELINES.md "文号 as the
 * query"): one query per distinct doc_number of that file; relevant = every document of the whole
 * library sharing that doc_number.
 */
export function deriveDocNumberSets(files: readonly DocumentFile[]): GoldSet[] {
  const byKey = new Map<string, string[]>();
  for (const { docs } of files) {
    for (const d of docs) {
      if (!d.docNumber) continue;
      const key = docNumberKey(d.docNumber);
      byKey.set(key, [...(byKey.get(key) ?? []), d.id]);
    }
  }
  const where = idIndex(files);
  const sets: GoldSet[] = [];
  for (const { file, docs } of files) {
    const queries: GoldQuery[] = [];
    const seen = new Set<string>();
    for (const d of docs) {
      if (!d.docNumber) continue;
      const key = docNumberKey(d.docNumber);
      if (seen.has(key)) continue;
      seen.add(key);
      queries.push({ qid: `docnumber:${key}`, query: d.docNumber.trim(), relevant: byKey.get(key) ?? [], exclude: [] });
    }
    if (queries.length === 0) continue;
    sets.push(pairGoldSet(`文号:${stem(file)}`, `derived from ${file} doc_number`, queries, where));
  }
  return sets;
}

/** The documents a gold set is indexed on in --per-set mode: the files that hold its relevant ids. */
export function docsForSet(set: GoldSet, files: readonly DocumentFile[]): EvalDoc[] {
  const wanted = new Set(set.docFiles);
  return files.filter((f) => wanted.has(f.file)).flatMap((f) => f.docs);
}
