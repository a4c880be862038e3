import type { Db } from '../../library/store';
import type { AnswerService } from '../answer';
import type { Curation } from '../curation';
import type { FaqService } from '../faq';
import type { SearchService } from '../search';
import { CurationEditor } from './curation-editor';
import { FaqEditor } from './faq-editor';

export interface EditorialDeps {
  db: Db;
  search: SearchService;
  faqs: FaqService;
  answers: AnswerService;
  /** Editors' search curation; absent in a process started without it (its routes answer 503). */
  curation?: Curation;
}

/**
 * Everything editors change: the consultation knowledge base (FAQ entries, queue, hit test) and search
 * curation (synonyms, hot words, pins, query log). The API's editor routes are schema plus one call here.
 */
export class EditorialService {
  readonly faqs: FaqEditor;
  readonly curation: CurationEditor;

  constructor(deps: EditorialDeps) {
    this.faqs = new FaqEditor(deps.db, deps.faqs, deps.search, deps.answers);
    this.curation = new CurationEditor(deps.db, deps.curation);
  }
}
