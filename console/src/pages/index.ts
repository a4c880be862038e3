// The page registry: every console page, in navigation order. To add one, write
// console/src/pages/<name>.ts exporting a ConsolePage and list it here (console/README.md).
import { faqQueuePage } from './faq-queue';
import { faqTransferPage } from './faq-transfer';
import { faqsPage } from './faqs';
import { hitTestPage } from './hit-test';
import { homePage } from './home';
import { reviewPage } from './review';
import type { ConsolePage } from './types';
// operations (D2)
import { analyticsPage } from './analytics';
import { libraryPage } from './library';
import { queuesPage } from './queues';
import { searchTuningPage } from './search-tuning';

export const PAGES: ConsolePage[] = [
  homePage,
  // knowledge base (咨询问答库)
  faqsPage,
  reviewPage,
  hitTestPage,
  faqQueuePage,
  faqTransferPage,
  // operations (D2): search tuning, library and ingest, queues, analytics
  searchTuningPage,
  libraryPage,
  analyticsPage,
  queuesPage,
];
