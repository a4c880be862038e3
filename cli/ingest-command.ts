import path from 'node:path';
import { stat } from 'node:fs/promises';
import cliProgress from 'cli-progress';
import { openLibrary } from '../library/store';
import { readJsonl } from '../ingest/feeds';
import { ingestDocumentLines, type IngestSummary } from '../ingest/pipeline';
import type { ZhiwenConfig } from './config';

export interface IngestCommandOptions {
  site?: string;
  progress: boolean;
}

/** `zhiwen ingest <files…>`: JSONL document feeds into the library, with progress and a summary. */
export async function ingestCommand(files: string[], config: ZhiwenConfig, options: IngestCommandOptions): Promise<IngestSummary[]> {
  for (const file of files) {
    await stat(file).catch(() => {
      throw new Error(`cannot read "${file}": no such file (give a path to a .jsonl feed)`);
    });
  }
  const db = await openLibrary(config.library);
  const summaries: IngestSummary[] = [];
  try {
    for (const file of files) {
      const bar = options.progress && process.stderr.isTTY
        ? new cliProgress.SingleBar({ format: `${path.basename(file)} {bar} {value} records`, stream: process.stderr }, cliProgress.Presets.shades_classic)
        : null;
      bar?.start(0, 0);
      const summary = await ingestDocumentLines(db, readJsonl(file), {
        defaultSite: options.site ?? path.basename(file).replace(/\.jsonl$/, ''),
        onProgress: (n) => {
          bar?.setTotal(n);
          bar?.update(n);
          if (!bar && options.progress && n % 500 === 0) console.error(`${path.basename(file)}: ${n} records`);
        },
      });
      bar?.stop();
      printSummary(file, summary);
      summaries.push(summary);
    }
  } finally {
    await db.close();
  }
  return summaries;
}

function printSummary(file: string, s: IngestSummary): void {
  console.log(`${file}: added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected.length}`);
  const categories = Object.entries(s.byCategory).map(([k, v]) => `${k} ${v}`).join(', ');
  if (categories) console.log(`  by category: ${categories}`);
  for (const r of s.rejected.slice(0, 20)) console.log(`  line ${r.lineNumber}${r.id ? ` (${r.id})` : ''}: ${r.reason}`);
  if (s.rejected.length > 20) console.log(`  … and ${s.rejected.length - 20} more rejected lines`);
}
