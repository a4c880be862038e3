import { prepareDocument } from '../../ingest/pipeline';
import { upsertDocument } from '../../library/documents';
import type { DocumentInput, InfoType } from '../../library/model/document';
import { INFO_TYPES } from '../../library/model/document';
import { openLibrary, type Db } from '../../library/store';
import { MAX_LIMIT, SearchService, type SearchServiceOptions } from '../../retrieval/search';
import type { EvalDoc } from '../data/types';
import type { RetrievalSystem, SystemFactory } from './types';

const INFO = new Set<string>(INFO_TYPES);

/** An EvalDoc as the platform would ingest it. A missing title falls back to the text's first line. */
export function evalDocToInput(doc: EvalDoc): DocumentInput {
  const title = doc.title?.trim() || doc.text.trim().split(/\s|\n/)[0].slice(0, 60) || doc.id;
  return {
    externalId: doc.id,
    siteCode: doc.site ?? 'corpus',
    title,
    body: doc.text,
    infoType: doc.category && INFO.has(doc.category) ? (doc.category as InfoType) : '其他',
    issuer: doc.issuer,
    docNumber: doc.docNumber,
    publishedAt: doc.published && /^\d{4}-\d{2}-\d{2}/.test(doc.published) ? doc.published : null,
  };
}

/** Zhiwen end to end: the ingest pipeline into an in-memory library, then SearchService. */
export class ZhiwenSystem implements RetrievalSystem {
  name = 'zhiwen';
  protected db: Db | null = null;
  protected service: SearchService | null = null;

  constructor(private readonly options: SearchServiceOptions = {}) {}

  async index(docs: EvalDoc[]): Promise<void> {
    this.db = await openLibrary();
    for (const doc of docs) await upsertDocument(this.db, prepareDocument(evalDocToInput(doc)));
    await this.afterIngest(this.db);
    this.service = new SearchService(this.db, this.options);
    await this.service.sync();
  }

  async search(query: string, k: number): Promise<string[]> {
    if (!this.service) throw new Error('index() first');
    if (!query.trim()) return [];
    const ids: string[] = [];
    for (let offset = 0; offset < k; offset += MAX_LIMIT) {
      const page = await this.service.search({ q: query, limit: Math.min(MAX_LIMIT, k - offset), offset });
      ids.push(...page.results.map((r) => r.id));
      if (page.results.length < MAX_LIMIT) break;
    }
    return ids;
  }

  /** Runs between storing the documents and building the search index (zhiwen-hybrid embeds here). */
  protected async afterIngest(_db: Db): Promise<void> {}

  async close(): Promise<void> {
    await this.db?.close();
  }
}

export const zhiwen: SystemFactory = {
  name: 'zhiwen',
  description: 'Zhiwen lexical: ingest pipeline + in-memory BM25 (title and chunk fields), 文号 and exact-title pins',
  create: () => new ZhiwenSystem(),
};
