import type { Db } from '../../library/store';
import { FaqService } from '../faq';
import type { SearchService } from '../search';
import { AnswerService, type AnswerServiceOptions } from './answer-service';

export interface Answerer {
  /** The answer text with [n] markers, cited document ids (external ids, best first), and whether it declined. */
  answer(q: string): Promise<{ text: string; citations: string[]; declined: boolean }>;
}

/**
 * The answer path as the evals harness calls it: FAQ entries in the library first, then the library
 * (extractive unless `options.llm` is given). Nothing is logged. Not-found answers are declined.
 */
export function createAnswerer(
  { db, search, faqs }: { db: Db; search: SearchService; faqs?: FaqService },
  options: AnswerServiceOptions = {},
): Answerer {
  const service = new AnswerService({ db, search, faqs: faqs ?? new FaqService(db) }, { ...options, log: false });
  return {
    async answer(q: string) {
      if (!q.trim()) return { text: '', citations: [], declined: true };
      const a = await service.ask({ question: q });
      // With one source the markers say nothing, and inside the text they would split quoted spans
      // (…补贴[1]。) and hide sentences from a marker-based citation check; several sources keep them.
      const text = a.citations.length <= 1 ? a.text.replace(/\[\d{1,2}\]/g, '') : a.text;
      return { text, citations: a.citations.map((c) => c.id), declined: a.kind === 'not_found' };
    },
  };
}
