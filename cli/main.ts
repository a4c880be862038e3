import { Command } from 'commander';
import { readConfig } from './config';
import { ingestCommand } from './ingest-command';
import { serve } from './serve';

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
  .description('ingest JSONL document feeds (one JSON object per line: id, title, text, site, category, …)')
  .argument('<files...>', 'JSONL files')
  .option('--site <code>', 'site code for records without a "site" field (default: the file name)')
  .option('--no-progress', 'no progress bar')
  .action(async (files: string[], opts: { site?: string; progress: boolean }) => {
    const summaries = await ingestCommand(files, readConfig(), opts);
    if (summaries.some((s) => s.rejected.length > 0)) process.exitCode = 2;
  });

program.parseAsync().catch((err: Error) => {
  console.error(`zhiwen: ${err.message}`);
  process.exit(1);
});
