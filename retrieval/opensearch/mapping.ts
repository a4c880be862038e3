import { ANALYZER_VERSION } from '../../library/analyzer';
import { DEFAULT_BM25, type Bm25Params } from '../lexical/bm25';

/** Bumped when the document shape below changes: an index with another stamp is rebuilt, not read. */
export const OPENSEARCH_SCHEMA_VERSION = 2;

/** What an index records about itself in its mapping's `_meta` (STYLE: stamp what you persist). */
export interface IndexStamp {
  schemaVersion: number;
  analyzerVersion: string | number;
  /** The library change (change_seq) the index holds everything up to. */
  appliedSeq: number;
}

export const currentStamp = (appliedSeq: number): IndexStamp => ({ schemaVersion: OPENSEARCH_SCHEMA_VERSION, analyzerVersion: ANALYZER_VERSION, appliedSeq });

/**
 * Settings and mapping of a documents index. Text fields hold Zhiwen's own analyzer tokens joined by
 * spaces (library/analyzer: folding, Simplified, jieba, stopwords), split again by a whitespace
 * analyzer, so OpenSearch and the embedded index rank the same terms. Chunks are nested documents:
 * a document scores by its title and its best chunk, and the inner hit names the passage to show.
 */
export function indexBody(options: { shards?: number; replicas?: number; bm25?: Bm25Params } = {}): object {
  const bm25 = options.bm25 ?? DEFAULT_BM25;
  const tokens = { type: 'text', analyzer: 'zhiwen_tokens', similarity: 'zhiwen_bm25', norms: true };
  return {
    settings: {
      number_of_shards: options.shards ?? 1,
      number_of_replicas: options.replicas ?? 0,
      analysis: { analyzer: { zhiwen_tokens: { type: 'custom', tokenizer: 'whitespace' } } },
      similarity: { zhiwen_bm25: { type: 'BM25', k1: bm25.k1, b: bm25.b } },
    },
    mappings: {
      dynamic: 'strict',
      _meta: currentStamp(0),
      properties: {
        externalId: { type: 'keyword' },
        title: tokens,
        /** The exact-title pin's keys (retrieval/search document-keys titleKeys). */
        titleKeys: { type: 'keyword' },
        docNumberKey: { type: 'keyword' },
        siteId: { type: 'integer' },
        infoType: { type: 'keyword' },
        topic: { type: 'keyword' },
        issuer: { type: 'keyword' },
        year: { type: 'integer' },
        current: { type: 'boolean' },
        /** 有效, 废止, 失效…: the validity facet's values. */
        validity: { type: 'keyword' },
        /** Ranking prior (validity): multiplies the text score, as in the embedded index. */
        prior: { type: 'float' },
        /** One result per repost cluster: the cluster id, or the document's own id without reposts. */
        collapseKey: { type: 'keyword' },
        isCanonical: { type: 'boolean' },
        changeSeq: { type: 'long' },
        chunks: { type: 'nested', properties: { id: { type: 'long' }, tokens } },
      },
    },
  };
}
