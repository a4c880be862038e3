/**
 * Keeps 政策解读 → 政策文件 links current as either side arrives, changes or leaves. The decision is
 * ingest/link's linkInterpretations, run on one interpretation and the policies that share a link
 * key with it (looked up in the library by its GIN index); only a cluster's canonical document is a
 * candidate, so a policy reposted on ten sites is still one unambiguous target.
 */
import type { Queryable } from '../../library/store';
import {
  interpretationsLinkedTo, interpretationsSharingLinkKeys, linkSubject, policiesSharingLinkKeys, removeLinksOf,
  replaceInterpretationLinks,
} from '../../library/documents';
import type { PreparedDocument, UpsertOutcome } from '../../library/documents';
import { linkInterpretations, SUBJECT_CHARS, type LinkableDocument } from '../link';
import { docNumberKey as metadataDocNumberKey } from '../metadata';

export interface LinkChange {
  added: number;
  removed: number;
}

/** Recomputes the outgoing links of one interpretation from what the library holds now. */
export async function relinkInterpretation(db: Queryable, interpretationId: number): Promise<LinkChange> {
  const doc = await linkSubject(db, interpretationId, SUBJECT_CHARS);
  if (!doc || doc.status !== 'active' || doc.infoType !== '政策解读' || doc.linkKeys.length === 0) {
    return replaceInterpretationLinks(db, interpretationId, []);
  }
  const policies = await policiesSharingLinkKeys(db, doc.linkKeys, interpretationId);
  const me = String(interpretationId);
  const linkable: LinkableDocument[] = [
    { id: me, title: doc.title, infoType: '政策解读', docNumberKey: null, body: doc.opening },
    ...policies.map((p) => ({
      id: String(p.id), title: p.title, infoType: '政策文件' as const,
      docNumberKey: p.docNumber ? metadataDocNumberKey(p.docNumber) : null, body: '',
    })),
  ];
  const links = linkInterpretations(linkable).filter((l) => l.interpretationId === me);
  return replaceInterpretationLinks(db, interpretationId, links.map((l) => ({ policyId: Number(l.policyId), evidence: l.by })));
}

/**
 * After a document was stored: relinks the interpretations it may concern (itself, if it is one;
 * those naming it, if it is a policy; those that linked to it before it changed).
 */
export async function updateLinks(db: Queryable, doc: PreparedDocument, id: number, outcome: UpsertOutcome): Promise<LinkChange> {
  const change: LinkChange = { added: 0, removed: 0 };
  const affected = new Set<number>();
  const active = (doc.status ?? 'active') === 'active';
  if (outcome === 'updated' || !active) {
    for (const other of await interpretationsLinkedTo(db, [id])) affected.add(other);
  }
  if (!active) {
    change.removed += await removeLinksOf(db, id);
  } else if (doc.infoType === '政策解读') {
    affected.add(id);
  } else {
    if (outcome === 'updated') {
      const r = await replaceInterpretationLinks(db, id, []);
      change.removed += r.removed;
    }
    if (doc.infoType === '政策文件' && (doc.linkKeys ?? []).length > 0) {
      for (const id of await interpretationsSharingLinkKeys(db, doc.linkKeys ?? [])) affected.add(id);
    }
  }
  for (const interpretation of affected) {
    const r = await relinkInterpretation(db, interpretation);
    change.added += r.added;
    change.removed += r.removed;
  }
  return change;
}

/** Before a document leaves search (withdrawn): drops its links and relinks those that pointed to it. */
export async function unlinkDocument(db: Queryable, id: number): Promise<LinkChange> {
  const pointing = await interpretationsLinkedTo(db, [id]);
  const change: LinkChange = { added: 0, removed: await removeLinksOf(db, id) };
  for (const interpretation of pointing) {
    const r = await relinkInterpretation(db, interpretation);
    change.added += r.added;
    change.removed += r.removed;
  }
  return change;
}
