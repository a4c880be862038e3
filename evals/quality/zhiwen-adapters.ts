/** Zhiwen's own FAQ matcher and answerer, adapted to the harness's interfaces. */
import { prepareDocument } from '../../ingest/pipeline';
import { upsertDocument } from '../../library/documents';
import { openLibrary, type Db } from '../../library/store';
import { createAnswerer } from '../../retrieval/answer';
import { createFaqMatcher, type FaqMatcher as ZhiwenMatcher } from '../../retrieval/faq';
import { SearchService } from '../../retrieval/search';
import type { EvalDoc } from '../data/types';
import { evalDocToInput } from '../systems/zhiwen';
import type { Answerer, AnswerResult } from './answers';
import type { FaqEntry, FaqMatch, FaqMatcher } from './faq';

/** FAQ matching with calibrated confidence (retrieval/faq). */
export function zhiwenFaqMatcher(): FaqMatcher {
  let matcher: ZhiwenMatcher | null = null;
  return {
    name: 'zhiwen-faq',
    build(entries: FaqEntry[]) {
      matcher = createFaqMatcher(entries);
    },
    async match(q: string, k: number): Promise<FaqMatch[]> {
      if (!matcher) throw new Error('build() first');
      return matcher.match(q, k);
    },
  };
}

/** The /v1/ask path (FAQ first, then cited extractive answers from the library; declines when unsure). */
export function zhiwenAnswerer(): Answerer {
  let db: Db | null = null;
  let answerer: ReturnType<typeof createAnswerer> | null = null;
  return {
    name: 'zhiwen-ask',
    async index(docs: EvalDoc[]) {
      db = await openLibrary();
      for (const doc of docs) await upsertDocument(db, prepareDocument(evalDocToInput(doc)));
      const search = new SearchService(db);
      await search.sync();
      answerer = createAnswerer({ db, search });
    },
    async answer(q: string): Promise<AnswerResult> {
      if (!answerer) throw new Error('index() first');
      return answerer.answer(q);
    },
    async close() {
      await db?.close();
    },
  };
}
