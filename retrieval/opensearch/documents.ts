import type { IndexFeedDocument } from '../../library/documents';
import { titleKeys } from '../search/document-keys';
import { documentPrior, isCurrent } from '../search/signals';

/** A library document as OpenSearch stores it (see mapping.ts). */
export interface OpenSearchDocument {
  externalId: string;
  title: string;
  /** The keys an exact-title query finds it by (retrieval/search document-keys titleKeys). */
  titleKeys: string[];
  docNumberKey: string | null;
  siteId: number;
  infoType: string;
  topic: string | null;
  issuer: string | null;
  year: number | null;
  current: boolean;
  validity: string;
  prior: number;
  collapseKey: string;
  isCanonical: boolean;
  changeSeq: number;
  chunks: Array<{ id: number; tokens: string }>;
}

export function toOpenSearchDocument(doc: IndexFeedDocument): OpenSearchDocument {
  return {
    externalId: doc.externalId,
    title: doc.titleTokens.join(' '),
    titleKeys: titleKeys(doc.title),
    docNumberKey: doc.docNumberKey,
    siteId: doc.siteId,
    infoType: doc.infoType,
    topic: doc.topic,
    issuer: doc.issuer,
    year: doc.publishedAt ? new Date(doc.publishedAt).getUTCFullYear() : null,
    current: isCurrent(doc.validity),
    validity: doc.validity,
    prior: documentPrior(doc),
    collapseKey: doc.clusterId === null ? `d${doc.id}` : `c${doc.clusterId}`,
    isCanonical: doc.isCanonical,
    changeSeq: doc.changeSeq,
    chunks: doc.chunks.map((c) => ({ id: c.id, tokens: c.tokens.join(' ') })),
  };
}

/**
 * Bulk lines for a batch of feed changes. Each write carries the change sequence as an external
 * version, so a repeated or late batch never puts an older state over a newer one (OpenSearch answers
 * 409, which the indexer counts as already applied). Documents no longer active are deleted.
 */
export function bulkLines(index: string, batch: readonly IndexFeedDocument[]): unknown[] {
  const lines: unknown[] = [];
  for (const doc of batch) {
    const meta = { _index: index, _id: String(doc.id), version: doc.changeSeq, version_type: 'external' };
    if (doc.status === 'active') lines.push({ index: meta }, toOpenSearchDocument(doc));
    else lines.push({ delete: meta });
  }
  return lines;
}
