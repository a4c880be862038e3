import path from 'node:path';
import cliProgress from 'cli-progress';
import { clusterStats, countLinks, countQuarantined } from '../library/documents';
import { openLibrary } from '../library/store';
import { estimateItems, planInputs, readPlannedFile, type FeedKind, type PlannedFile } from '../ingest/feeds';
import { addSummary, emptySummary, ingestItems, LibraryWriter, type IngestSummary } from '../ingest/pipeline';
import type { ZhiwenConfig } from './config';

export interface IngestCommandOptions {
  site?: string;
  /** Force one reader for every file (documents, qa, guides, pages, attachments). */
  kind?: FeedKind;
  progress: boolean;
}

/** Summaries are grouped per feed file, and per path given for pages and attachments (a folder's, or one file's). */
function groupOf(file: PlannedFile): string {
  return `${file.format === 'file' ? file.input : file.path} (${file.kind})`;
}

/**
 * `zhiwen ingest <paths…>`: feeds, saved pages, attachments and folders of them into the library,
 * with a progress bar and a summary. Returns one summary per group (the last holds the rejected inputs).
 */
export async function ingestCommand(paths: string[], config: ZhiwenConfig, options: IngestCommandOptions): Promise<IngestSummary[]> {
  const plan = await planInputs(paths, { kind: options.kind, site: options.site });
  const groups = new Map<string, IngestSummary>();
  const planLevel = emptySummary();
  planLevel.rejected.push(...plan.rejected.map((r) => ({ source: r.source, reason: r.error ?? 'unreadable' })));
  planLevel.skipped.push(...plan.skipped);
  if (plan.files.length > 0) {
    const db = await openLibrary(config.library);
    try {
      const writer = new LibraryWriter(db);
      const total = options.progress ? await estimateItems(plan.files) : 0;
      const bar = options.progress && process.stderr.isTTY
        ? new cliProgress.SingleBar(
          { format: 'ingest {bar} {value}/{total} | {file}', stream: process.stderr, etaBuffer: 200 },
          cliProgress.Presets.shades_classic,
        )
        : null;
      bar?.start(total, 0, { file: '' });
      let done = 0;
      let lastLogged = 0;
      for (const file of plan.files) {
        const label = groupOf(file);
        const summary = await ingestItems(db, readPlannedFile(file), {
          writer,
          onProgress: (n) => {
            if (bar && done + n > bar.getTotal()) bar.setTotal(done + n);
            bar?.update(done + n, { file: path.basename(file.path) });
            if (!bar && options.progress && done + n - lastLogged >= 500) {
              lastLogged = done + n;
              console.error(`ingest: ${done + n}/${total} items`);
            }
          },
        });
        done += summary.added + summary.updated + summary.unchanged + summary.rejected.length;
        groups.set(label, addSummary(groups.get(label) ?? emptySummary(), summary));
      }
      bar?.stop();
      const summaries = [...groups.values(), planLevel];
      await printSummary(groups, planLevel, db);
      return summaries;
    } finally {
      await db.close();
    }
  }
  await printSummary(groups, planLevel, null);
  return [planLevel];
}

async function printSummary(
  groups: Map<string, IngestSummary>,
  planLevel: IngestSummary,
  db: Awaited<ReturnType<typeof openLibrary>> | null,
): Promise<void> {
  for (const [label, s] of groups) {
    console.log(`${label}: added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected.length}`);
  }
  const total = [...groups.values()].reduce((t, s) => addSummary(t, s), emptySummary());
  addSummary(total, planLevel);
  console.log(
    `total: added ${total.added}, updated ${total.updated}, unchanged ${total.unchanged}, ` +
      `rejected ${total.rejected.length}, quarantined ${total.quarantined.length}`,
  );
  const categories = Object.entries(total.byCategory).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  if (categories) console.log(`  by category: ${categories}`);
  if (db) {
    const clusters = await clusterStats(db);
    console.log(
      `  repost clusters: ${total.clustersCreated} formed, ${total.clustered} documents joined one; ` +
        `library: ${clusters.clusters} clusters holding ${clusters.clusteredDocuments} documents`,
    );
    console.log(`  interpretation links: ${total.linksAdded} added; library: ${await countLinks(db)}`);
    console.log(`  quarantined in library: ${await countQuarantined(db)}`);
  }
  if (total.masked > 0) console.log(`  personal data masked in ${total.masked} documents`);
  for (const q of total.quarantined.slice(0, 20)) console.log(`  quarantined ${q.id}: ${q.reason}`);
  if (total.quarantined.length > 20) console.log(`  … and ${total.quarantined.length - 20} more quarantined`);
  for (const r of total.rejected.slice(0, 30)) {
    const where = [r.source, r.lineNumber !== undefined ? `line ${r.lineNumber}` : null].filter(Boolean).join(' ');
    console.log(`  rejected ${where}${r.id ? ` (${r.id})` : ''}: ${r.reason}`);
  }
  if (total.rejected.length > 30) console.log(`  … and ${total.rejected.length - 30} more rejected`);
  const skippedByReason = new Map<string, number>();
  for (const s of total.skipped) skippedByReason.set(s.reason, (skippedByReason.get(s.reason) ?? 0) + 1);
  for (const [reason, n] of skippedByReason) console.log(`  skipped ${n} file${n === 1 ? '' : 's'}: ${reason}`);
}

/** `zhiwen withdraw <externalId…>`: takes documents out of search (kept for audit), with their clusters and links. */
export async function withdrawCommand(externalIds: string[], config: ZhiwenConfig): Promise<{ withdrawn: string[]; missing: string[] }> {
  const db = await openLibrary(config.library);
  const out = { withdrawn: [] as string[], missing: [] as string[] };
  try {
    const writer = new LibraryWriter(db);
    for (const id of externalIds) {
      if (await writer.withdraw(id)) out.withdrawn.push(id);
      else out.missing.push(id);
    }
  } finally {
    await db.close();
  }
  for (const id of out.withdrawn) console.log(`withdrawn ${id}`);
  for (const id of out.missing) console.log(`not withdrawn ${id}: no active or quarantined document has this id (check the external id)`);
  return out;
}
