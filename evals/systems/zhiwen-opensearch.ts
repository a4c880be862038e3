import { randomUUID } from 'node:crypto';
import { upsertDocument } from '../../library/documents';
import { prepareDocument } from '../../ingest/pipeline';
import { openLibrary } from '../../library/store';
import { openOpenSearchServing, type OpenSearchIndexer } from '../../retrieval/opensearch';
import type { EvalDoc } from '../data/types';
import type { SystemFactory } from './types';
import { evalDocToInput, ZhiwenSystem } from './zhiwen';

/**
 * Zhiwen served on OpenSearch (ZHIWEN_SEARCH_BACKEND=opensearch): the same ingest and query
 * understanding, ranking on the node at OPENSEARCH_URL, into a fresh alias dropped at close.
 */
class ZhiwenOpenSearchSystem extends ZhiwenSystem {
  override name = 'zhiwen-opensearch';
  private indexer: OpenSearchIndexer | null = null;

  constructor(private readonly url: string) {
    super();
  }

  override async index(docs: EvalDoc[]): Promise<void> {
    this.db = await openLibrary();
    for (const doc of docs) await upsertDocument(this.db, prepareDocument(evalDocToInput(doc)));
    const { search, indexer } = await openOpenSearchServing(this.db, { url: this.url, alias: `zhiwen-eval-${randomUUID().slice(0, 8)}` });
    this.service = search;
    this.indexer = indexer;
    await search.sync();
    await indexer.sync();
  }

  override async close(): Promise<void> {
    await this.indexer?.drop();
    await super.close();
  }
}

export const zhiwenOpenSearch = (url: string): SystemFactory => ({
  name: 'zhiwen-opensearch',
  description: 'Zhiwen on OpenSearch: the same ingest and query understanding, BM25 on title and best chunk (nested) in an OpenSearch index, 文号 and exact-title pins',
  create: () => new ZhiwenOpenSearchSystem(url),
});

export const zhiwenSeparate: SystemFactory = {
  name: 'zhiwen-separate',
  description: "Zhiwen lexical with fieldModel 'separate' (title and chunk BM25 summed, the shape OpenSearch scores): the embedded side of the parity check",
  create: () => Object.assign(new ZhiwenSystem({ fieldModel: 'separate' }), { name: 'zhiwen-separate' }),
};
