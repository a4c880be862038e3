import type { Command } from 'commander';
import { FEED_KINDS, type FeedKind } from '../ingest/feeds/feed-kinds';
import { readConfig } from './config';
import { readIngestSettings } from './ingest-settings';
import type * as CrawlCommandModule from './crawl-command';
import type * as EnqueueCommandModule from './enqueue-command';
import type * as JobsCommandModule from './jobs-command';
import type * as ReembedCommandModule from './reembed-command';
import type * as WorkerCommandModule from './worker-command';

// Each command's module (the ingest pipeline, BullMQ, transformers.js) loads when that command runs,
// so `zhiwen serve` does not carry them (~180 MiB).
const crawlCommand: typeof CrawlCommandModule.crawlCommand = async (...a) => (await import('./crawl-command')).crawlCommand(...a);
const enqueueCommand: typeof EnqueueCommandModule.enqueueCommand = async (...a) => (await import('./enqueue-command')).enqueueCommand(...a);
const jobsCommand: typeof JobsCommandModule.jobsCommand = async (...a) => (await import('./jobs-command')).jobsCommand(...a);
const reembedCommand: typeof ReembedCommandModule.reembedCommand = async (...a) => (await import('./reembed-command')).reembedCommand(...a);
const workerCommand: typeof WorkerCommandModule.workerCommand = async (...a) => (await import('./worker-command')).workerCommand(...a);

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`expected an integer, got "${v}"`);
  return n;
};

/** The job-runner, crawler and embedding commands: worker, enqueue, jobs, crawl, reembed. */
export function registerIngestJobCommands(program: Command): void {
  program
    .command('worker')
    .description('serve the ingest job queue on Redis (REDIS_URL); run as many as you like')
    .option('--concurrency <n>', 'jobs at once in this process', int, 4)
    .option('--attachment-concurrency <n>', 'attachment jobs (conversion, OCR: a core each) at once; 0 = leave them to other workers', int, 1)
    .action(async (opts: { concurrency: number; attachmentConcurrency: number }) => workerCommand(readConfig(), readIngestSettings(), opts));

  program
    .command('enqueue')
    .description(
      'one ingest-document job per item of feeds, pages, attachments or folders: on Redis for workers, in-process without REDIS_URL',
    )
    .argument('<inputs...>', 'feeds (.jsonl, .csv), pages (.html), attachments, or folders of them')
    .option(
      '--site <code>',
      'site code for records and files that name none (default: the file or folder name)',
    )
    .option('--kind <kind>', `one reader for every file: ${FEED_KINDS.join(', ')}`)
    .option('--concurrency <n>', 'jobs at once when working in this process', int, 4)
    .option('--attachment-concurrency <n>', 'attachment jobs (conversion, OCR) at once when working in this process', int, 1)
    .option('--work', 'also work on the jobs in this process (always so without REDIS_URL)', false)
    .option('--no-wait', 'return once enqueued (needs REDIS_URL)')
    .option('--no-progress', 'no progress bar')
    .option('--publish-qa', 'publish Q&A pairs\' knowledge-base entries without review (default: drafts)', false)
    .action(
      async (
        inputs: string[],
        opts: {
          site?: string;
          kind?: string;
          publishQa: boolean;
          concurrency: number;
          attachmentConcurrency: number;
          work: boolean;
          wait: boolean;
          progress: boolean;
        },
      ) => {
        if (opts.kind && !(FEED_KINDS as readonly string[]).includes(opts.kind)) {
          throw new Error(`--kind must be one of ${FEED_KINDS.join(', ')}, got "${opts.kind}"`);
        }
        const counts = await enqueueCommand(inputs, readConfig(), readIngestSettings(), {
          ...opts,
          kind: opts.kind as FeedKind | undefined,
        });
        if (counts.dead > 0) process.exitCode = 2;
      },
    );

  program
    .command('jobs')
    .description(
      'ingest job counts (waiting, active, completed, retrying, dead) and dead letters with reasons',
    )
    .option('--dead <n>', 'dead letters to list', int, 20)
    .option('--retry-dead', 'put dead letters back to work', false)
    .action(async (opts: { dead: number; retryDead: boolean }) => jobsCommand(readIngestSettings(), opts));

  program
    .command('crawl')
    .description(
      'crawl a site from a start URL or sitemap.xml (same site, robots.txt, rate limit; resumable) into the library',
    )
    .argument('<url>', 'start page or sitemap URL')
    .option('--site <code>', 'site code for the documents (default: the host)')
    .option('--max-pages <n>', 'pages in all, resumed runs included', int, 1000)
    .option('--max-depth <n>', 'link hops from the start', int, 20)
    .option('--rate <rps>', 'requests per second', Number, 1)
    .option('--timeout <ms>', 'per request', int, 15_000)
    .option('--max-bytes <n>', 'largest page accepted', int, 10 * 1024 * 1024)
    .option('--sitemap', 'the start URL is a sitemap (automatic for .xml)')
    .option('--restart', 'forget the saved frontier and start over', false)
    .option(
      '--allow-host <host>',
      'internal host name, IP or CIDR the crawler may fetch (repeatable; adds to ZHIWEN_CRAWL_ALLOW_HOSTS)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--no-progress', 'no progress lines')
    .action(
      async (
        url: string,
        opts: {
          site?: string;
          maxPages: number;
          maxDepth: number;
          rate: number;
          timeout: number;
          maxBytes: number;
          sitemap?: boolean;
          restart: boolean;
          allowHost: string[];
          progress: boolean;
        },
      ) => {
        await crawlCommand(url, readConfig(), readIngestSettings(), {
          site: opts.site,
          maxPages: opts.maxPages,
          maxDepth: opts.maxDepth,
          requestsPerSecond: opts.rate,
          timeoutMs: opts.timeout,
          maxBytes: opts.maxBytes,
          sitemap: opts.sitemap,
          restart: opts.restart,
          allowHosts: opts.allowHost,
          progress: opts.progress,
        });
      },
    );

  program
    .command('reembed')
    .description(
      'embed every chunk with ZHIWEN_EMBED_MODEL (new chunks and those stamped with another model) and build its HNSW index',
    )
    .option('--batch-size <n>', 'chunks per round', int, 64)
    .option('--no-progress', 'no progress lines')
    .action(async (opts: { batchSize: number; progress: boolean }) =>
      reembedCommand(readConfig(), readIngestSettings(), opts),
    );
}
