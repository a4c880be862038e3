import type { Db } from '../library/store';
import { AnswerService } from '../retrieval/answer';
import type { Curation } from '../retrieval/curation';
import { EditorialService } from '../retrieval/editorial';
import { FaqService } from '../retrieval/faq';
import type { SearchService } from '../retrieval/search';
import type { JobQueueStatusSource } from './routes/jobs';
import type { LocalWrites } from './routes/local-writes';

/** What a process opened and started before serving (cli/serve opens them all; tests open a few). */
export interface ServiceParts {
  db: Db;
  search: SearchService;
  /** Editors' curation; without it the curation routes answer 503 CURATION_UNAVAILABLE. */
  curation?: Curation;
  /** The FAQ index (cli/serve follows the table); default: a new one, loaded on first use. */
  faqs?: FaqService;
  /** Answers (cli/serve configures the LLM); default: extractive over `search` and `faqs`. */
  answers?: AnswerService;
  /** Job queues whose status GET /v1/admin/jobs reports. */
  jobs?: JobQueueStatusSource[];
  /** The CLI's writes handed to this process when it holds the embedded library. */
  localWrites?: LocalWrites;
}

/** Every service the API's routes call, built once. */
export interface AppServices {
  db: Db;
  search: SearchService;
  faqs: FaqService;
  answers: AnswerService;
  /** FAQ editing and search curation: one service for every editor route. */
  editorial: EditorialService;
  jobs: JobQueueStatusSource[];
  localWrites?: LocalWrites;
}

/** The composition root: the one place the API's services are built from what the process opened. */
export function composeServices(parts: ServiceParts): AppServices {
  const { db, search } = parts;
  const faqs = parts.faqs ?? new FaqService(db, { synonymsOf: search.synonymsOf });
  const answers = parts.answers ?? new AnswerService({ db, search, faqs });
  return {
    db,
    search,
    faqs,
    answers,
    editorial: new EditorialService({ db, search, faqs, answers, curation: parts.curation }),
    jobs: parts.jobs ?? [],
    localWrites: parts.localWrites,
  };
}
