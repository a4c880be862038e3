import path from 'node:path';
import { defaultSiteFromEnv, siteResolverFromEnv } from './sites-command';
import cliProgress from 'cli-progress';
import { clusterStats, countLinks, countQuarantined } from '../library/documents';
import type { Embedder } from '../library/embeddings';
import { openLibrary, type Db } from '../library/store';
import { estimateItems, planInputs, readPlannedFile, RunIds, type FeedItem, type FeedKind, type InputPlan, type PlannedFile } from '../ingest/feeds';
import { inputLimitsFromEnv } from '../ingest/limits';
import { addSummary, emptySummary, Ingestor, type IngestSummary } from '../ingest/pipeline';
import type { ZhiwenConfig } from './config';
import { readIngestSettings, type IngestSettings } from './ingest-settings';
import { openIngestRuntime } from './ingest-runtime';
import { findLocalService, runInService, type LocalService } from './local-service';

export interface IngestCommandOptions {
  site?: string;
  /** Force one reader for every file (documents, qa, guides, pages, attachments). */
  kind?: FeedKind;
  progress: boolean;
  /** Publish Q&A pairs' knowledge-base entries without review (--publish-qa); default: drafts. */
  publishQa?: boolean;
}

/** What one ingest did, per group, as printed by the CLI (and sent by the service for a handed-over ingest). */
export interface IngestRun {
  groups: Array<[label: string, summary: IngestSummary]>;
  /** Inputs rejected or passed over before reading. */
  planLevel: IngestSummary;
  /** The library's totals after the run; null when nothing was read (the library was not opened). */
  library: LibraryTotals | null;
}

export interface LibraryTotals {
  clusters: number;
  clusteredDocuments: number;
  links: number;
  quarantined: number;
}

/** Items processed so far over the whole run, of an estimated total (0: not estimated). */
export interface IngestProgress {
  done: number;
  total: number;
  file: string;
}

export interface IngestInLibraryOptions {
  site?: string;
  kind?: FeedKind;
  publishQa?: boolean;
  /** Registered site code for documents whose own site is not registered; default ZHIWEN_DEFAULT_SITE of this process. */
  defaultSite?: string;
  /** Count the items up front for a progress total (reads every feed once more). */
  estimate?: boolean;
  onProgress?: (p: IngestProgress) => void;
  /** Stops reading at the next item; what was read so far is stored and summarised. */
  signal?: AbortSignal;
  /** The embedding stage's model (the service's); default none: documents are stored without vectors. */
  embedder?: Embedder;
}

/** Summaries are grouped per feed file, and per path given for pages and attachments (a folder's, or one file's). */
function groupOf(file: PlannedFile): string {
  return `${file.format === 'file' ? file.input : file.path} (${file.kind})`;
}

async function planIngest(paths: string[], options: IngestInLibraryOptions): Promise<{ plan: InputPlan; planLevel: IngestSummary }> {
  const plan = await planInputs(paths, { kind: options.kind, site: options.site });
  const planLevel = emptySummary();
  planLevel.rejected.push(...plan.rejected.map((r) => ({ source: r.source, reason: r.error ?? 'unreadable' })));
  planLevel.skipped.push(...plan.skipped);
  return { plan, planLevel };
}

async function* untilAborted(items: AsyncIterable<FeedItem>, signal: AbortSignal | undefined): AsyncGenerator<FeedItem> {
  for await (const item of items) {
    if (signal?.aborted) return;
    yield item;
  }
}

async function ingestPlan(
  db: Db, ingestor: Ingestor, plan: InputPlan, planLevel: IngestSummary, options: IngestInLibraryOptions,
): Promise<IngestRun> {
  const total = options.estimate ? await estimateItems(plan.files) : 0;
  const groups = new Map<string, IngestSummary>();
  let done = 0;
  // One run: size limits read once, and an id given twice in the run (any of its files) rejected the second time.
  const reading = { limits: inputLimitsFromEnv(), ids: new RunIds() };
  for (const file of plan.files) {
    if (options.signal?.aborted) break;
    const summary = await ingestor.ingest(untilAborted(readPlannedFile(file, reading), options.signal), {
      onProgress: (n) => options.onProgress?.({ done: done + n, total, file: path.basename(file.path) }),
    });
    done += summary.added + summary.updated + summary.unchanged + summary.rejected.length + qaCount(summary);
    const label = groupOf(file);
    groups.set(label, addSummary(groups.get(label) ?? emptySummary(), summary));
  }
  return { groups: [...groups], planLevel, library: await libraryTotals(db) };
}

/**
 * Ingests `paths` into an open library: the service's, for a CLI that handed its ingest over
 * (cli/local-write-tasks.ts). Paths are read by this process.
 */
export async function ingestInLibrary(db: Db, paths: string[], options: IngestInLibraryOptions = {}): Promise<IngestRun> {
  const { plan, planLevel } = await planIngest(paths, options);
  const ingestor = new Ingestor(db, {
    sites: siteResolverFromEnv(db, options.defaultSite),
    embedder: options.embedder,
    qa: { publish: options.publishQa },
  });
  await ingestor.ready();
  return ingestPlan(db, ingestor, plan, planLevel, options);
}

async function libraryTotals(db: Db): Promise<LibraryTotals> {
  const clusters = await clusterStats(db);
  return { ...clusters, links: await countLinks(db), quarantined: await countQuarantined(db) };
}

/**
 * `zhiwen ingest <paths…>`: feeds, saved pages, attachments and folders of them into the library,
 * with a progress bar and a summary. Returns one summary per group (the last holds the rejected inputs).
 * When a `zhiwen serve` holds the embedded library, the service does the writing (PGlite is
 * single-process) and this process shows its progress and summary.
 */
export async function ingestCommand(
  paths: string[],
  config: ZhiwenConfig,
  options: IngestCommandOptions,
  settings: IngestSettings = readIngestSettings(),
): Promise<IngestSummary[]> {
  const service = config.library.dataDir ? findLocalService(config.library.dataDir) : null;
  const display = progressDisplay(options.progress);
  let run: IngestRun;
  try {
    if (service) run = await ingestInService(service, paths, options, display.update);
    else {
      const local = { ...options, estimate: options.progress, onProgress: display.update };
      const { plan, planLevel } = await planIngest(paths, local);
      if (plan.files.length === 0) run = { groups: [], planLevel, library: null };
      else {
        const runtime = await openIngestRuntime(config, settings, { qa: { publish: options.publishQa } });
        try {
          run = await ingestPlan(runtime.db, runtime.ingestor, plan, planLevel, local);
        } finally {
          await runtime.close();
        }
      }
    }
  } finally {
    display.stop();
  }
  printSummary(run);
  return [...run.groups.map(([, s]) => s), run.planLevel];
}

/** Hands the ingest to the running service; paths are made absolute there and shown here as given. */
async function ingestInService(
  service: LocalService,
  paths: string[],
  options: IngestCommandOptions,
  onProgress: (p: IngestProgress) => void,
): Promise<IngestRun> {
  console.error(`ingest: the running service (pid ${service.pid}, ${service.url}) holds the library and stores the documents`);
  const absolute = paths.map((p) => path.resolve(p));
  const asGiven = (s: string | undefined) => {
    if (s === undefined) return s;
    const i = absolute.findIndex((a) => s === a || s.startsWith(`${a} (`));
    return i < 0 ? s : paths[i] + s.slice(absolute[i].length);
  };
  const run = await runInService<IngestRun>(
    service,
    'ingest',
    // The CLI's ZHIWEN_DEFAULT_SITE travels with the work: the user set it where they typed the command.
    { paths: absolute, site: options.site, kind: options.kind, publishQa: options.publishQa, estimate: options.progress, defaultSite: defaultSiteFromEnv() },
    (e) => onProgress(e as unknown as IngestProgress),
  );
  for (const s of [...run.groups.map(([, g]) => g), run.planLevel]) {
    for (const r of s.rejected) r.source = asGiven(r.source);
  }
  return { ...run, groups: run.groups.map(([label, s]) => [asGiven(label) ?? label, s]) };
}

/** The progress bar on a terminal, a line every 500 items otherwise, nothing with --no-progress. */
function progressDisplay(enabled: boolean): { update: (p: IngestProgress) => void; stop: () => void } {
  if (!enabled) return { update: () => undefined, stop: () => undefined };
  if (!process.stderr.isTTY) {
    let lastLogged = 0;
    return {
      update: ({ done, total }) => {
        if (done - lastLogged < 500) return;
        lastLogged = done;
        console.error(`ingest: ${done}/${total} items`);
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: 'ingest {bar} {value}/{total} | {file}', stream: process.stderr, etaBuffer: 200 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: ({ done, total, file }) => {
      if (!started) {
        bar.start(total, 0, { file: '' });
        started = true;
      }
      if (done > bar.getTotal()) bar.setTotal(done);
      bar.update(done, { file });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

/** The one summary of an ingest, whether this process or the service stored it. */
function printSummary({ groups, planLevel, library }: IngestRun): void {
  for (const [label, s] of groups) {
    console.log(`${label}: added ${s.added}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected.length}`);
  }
  const total = groups.reduce((t, [, s]) => addSummary(t, s), emptySummary());
  addSummary(total, planLevel);
  console.log(
    `total: added ${total.added}, updated ${total.updated}, unchanged ${total.unchanged}, ` +
      `rejected ${total.rejected.length}, quarantined ${total.quarantined.length}`,
  );
  const categories = Object.entries(total.byCategory).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ');
  if (categories) console.log(`  by category: ${categories}`);
  if (library) {
    console.log(
      `  repost clusters: ${total.clustersCreated} formed, ${total.clustered} documents joined one; ` +
        `library: ${library.clusters} clusters holding ${library.clusteredDocuments} documents`,
    );
    console.log(`  interpretation links: ${total.linksAdded} added; library: ${library.links}`);
    console.log(`  quarantined in library: ${library.quarantined}`);
  }
  if (total.masked > 0) console.log(`  personal data masked in ${total.masked} documents`);
  if (qaCount(total) > 0) printQaSummary(total.qa);
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

const qaCount = (s: IngestSummary): number => s.qa.added + s.qa.updated + s.qa.published + s.qa.unchanged + s.qa.kept;

/** Q&A pairs went to the knowledge base (entries), not the library: say where they are and what waits for review. */
function printQaSummary(qa: IngestSummary['qa']): void {
  console.log(
    `  Q&A entries (knowledge base, not documents): added ${qa.added}, updated ${qa.updated}, ` +
      `published as they were ${qa.published}, unchanged ${qa.unchanged}, kept (retired) ${qa.kept}; ` +
      `${qa.live} published, ${qa.drafts} drafts; personal data masked in ${qa.masked}`,
  );
  if (qa.drafts > 0) console.log(`  ${qa.drafts} entries are drafts: review them at /v1/faqs?status=draft, or ingest again with --publish-qa`);
  if (qa.converted > 0) console.log(`  ${qa.converted} Q&A documents of earlier ingests withdrawn: the same records are entries now`);
  for (const n of qa.notes.slice(0, 20)) console.log(`  entry of ${n.id}: ${n.note}`);
  if (qa.notes.length > 20) console.log(`  … and ${qa.notes.length - 20} more entry notes`);
}

export interface WithdrawResult {
  withdrawn: string[];
  missing: string[];
}

/** Withdraws documents by external id in an open library (this process's, or the service's). */
export async function withdrawInLibrary(db: Db, externalIds: string[]): Promise<WithdrawResult> {
  const out: WithdrawResult = { withdrawn: [], missing: [] };
  const ingestor = new Ingestor(db);
  for (const id of externalIds) {
    if (await ingestor.withdraw(id)) out.withdrawn.push(id);
    else out.missing.push(id);
  }
  return out;
}

/**
 * `zhiwen withdraw <externalId…>`: takes documents out of search (kept for audit), with their clusters
 * and links; handed to the running service when one holds the embedded library.
 */
export async function withdrawCommand(externalIds: string[], config: ZhiwenConfig): Promise<WithdrawResult> {
  const service = config.library.dataDir ? findLocalService(config.library.dataDir) : null;
  let out: WithdrawResult;
  if (service) {
    console.error(`withdraw: the running service (pid ${service.pid}, ${service.url}) holds the library and withdraws them`);
    out = await runInService<WithdrawResult>(service, 'withdraw', { ids: externalIds });
  } else {
    const db = await openLibrary(config.library);
    try {
      out = await withdrawInLibrary(db, externalIds);
    } finally {
      await db.close();
    }
  }
  for (const id of out.withdrawn) console.log(`withdrawn ${id}`);
  for (const id of out.missing) console.log(`not withdrawn ${id}: no active or quarantined document has this id (check the external id)`);
  return out;
}
