import { Command } from 'commander';
import { readConfig } from './config';
import { FEED_KINDS, type FeedKind } from '../ingest/feeds/feed-kinds';
import { registerIngestJobCommands } from './ingest-jobs-commands';
import { registerQuarantineCommands } from './quarantine-command';
import { registerSitesCommands } from './sites-command';
import { registerAccountCommands } from './users-command';
import { registerKeyCommands } from './keys-command';
import { serve } from './serve';
import type * as IngestCommandModule from './ingest-command';

// The ingest pipeline loads only for the commands that ingest (see ingest-jobs-commands.ts).
const ingestCommand: typeof IngestCommandModule.ingestCommand = async (...a) => (await import('./ingest-command')).ingestCommand(...a);
const withdrawCommand: typeof IngestCommandModule.withdrawCommand = async (...a) => (await import('./ingest-command')).withdrawCommand(...a);

const program = new Command()
  .name('zhiwen')
  .description('Zhiwen (智问): search and Q&A over the unified information resource library');

program
  .command('serve')
  .description('serve the API and the try-it page (embedded library in data/library unless DATABASE_URL is set)')
  .option('--no-sample', 'do not load the sample city into an empty library')
  .action(async (opts: { sample: boolean }) => serve(readConfig(), { sample: opts.sample }));

program
  .command('ingest')
  .description(
    'ingest feeds (.jsonl/.csv: documents, Q&A pairs, service guides), saved pages (.html), attachments (PDF/DOCX) and folders of them',
  )
  .argument('<paths...>', 'files or folders; the reader is chosen by extension and content')
  .option('--site <code>', 'site code for records and files without one (default: the feed\'s file name, the folder\'s name)')
  .option('--kind <kind>', `force one reader: ${FEED_KINDS.join(', ')}`)
  .option('--no-progress', 'no progress bar')
  .option('--publish-qa', 'publish Q&A pairs\' knowledge-base entries without review (default: drafts for editors)', false)
  .action(async (paths: string[], opts: { site?: string; kind?: string; progress: boolean; publishQa: boolean }) => {
    if (opts.kind !== undefined && !(FEED_KINDS as readonly string[]).includes(opts.kind)) {
      throw new Error(`--kind "${opts.kind}" is not a reader: use one of ${FEED_KINDS.join(', ')}`);
    }
    const summaries = await ingestCommand(paths, readConfig(), { ...opts, kind: opts.kind as FeedKind | undefined });
    if (summaries.some((s) => s.rejected.length > 0)) process.exitCode = 2;
  });

program
  .command('withdraw')
  .description('withdraw documents by external id: out of search on every replica, kept for audit, clusters and links updated')
  .argument('<ids...>', 'external ids (the feed record id, the page URL, or file:<path> for an attachment)')
  .action(async (ids: string[]) => {
    const { missing } = await withdrawCommand(ids, readConfig());
    if (missing.length > 0) process.exitCode = 2;
  });

registerIngestJobCommands(program);
registerQuarantineCommands(program);
registerSitesCommands(program);
registerAccountCommands(program);
registerKeyCommands(program);

program.parseAsync().catch((err: Error) => {
  console.error(`zhiwen: ${err.message}`);
  process.exit(1);
});
