/**
 * `zhiwen ingest <paths…>`: which reader each input gets. A file by its extension (and, for JSONL
 * and CSV, by the fields of its first record or header); a folder by its content (saved pages and
 * attachments, feeds inside it, a manifest index.jsonl naming each page's URL and site). `kind`
 * forces one reader for every file.
 *
 * A page without a URL and an attachment are identified by their path: relative to the nearest
 * folder with a manifest, else to the folder given, that folder's name included. So the same dump
 * keeps its ids however it is reached (…/corpus or …/corpus/html).
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FeedItem, SkippedFile } from './feed-item';
import { planFile, type FeedKind, type PlannedFile } from './feed-kind';
import { readJsonl } from './read-jsonl';

export interface InputPlan {
  files: PlannedFile[];
  /** Files inside folders passed over on purpose, with why. */
  skipped: SkippedFile[];
  /** Inputs that cannot be read at all (missing path, unsupported file given by name). */
  rejected: FeedItem[];
}

export interface PlanOptions {
  /** Force one reader for every file (the CLI's --kind). */
  kind?: FeedKind;
  /** Site code for records and files that name none (default: the feed's file name, the folder's name). */
  site?: string;
}

interface ManifestEntry {
  url?: string | null;
  site?: string | null;
}

/** A folder's index.jsonl lists its pages ({file, url, site}); anything else is not a manifest. */
async function readManifest(dir: string): Promise<Map<string, ManifestEntry> | null> {
  const file = path.join(dir, 'index.jsonl');
  const entries = new Map<string, ManifestEntry>();
  try {
    for await (const line of readJsonl(file)) {
      const v = line.value as { file?: unknown; url?: unknown; site?: unknown } | undefined;
      if (!v || typeof v.file !== 'string') return entries.size > 0 ? entries : null;
      entries.set(path.normalize(v.file), {
        url: typeof v.url === 'string' ? v.url : null,
        site: typeof v.site === 'string' ? v.site : null,
      });
    }
  } catch {
    return null;
  }
  return entries.size > 0 ? entries : null;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(full)));
    else if (e.isFile()) out.push(full);
  }
  return out;
}

export async function planInputs(paths: string[], options: PlanOptions = {}): Promise<InputPlan> {
  const plan: InputPlan = { files: [], skipped: [], rejected: [] };
  for (const input of paths) {
    const info = await stat(input).catch(() => null);
    if (!info) {
      plan.rejected.push({ source: input, error: 'no such file or folder: give feeds (.jsonl, .csv), pages (.html) or a folder of them' });
      continue;
    }
    if (info.isFile()) {
      // Ids of pages without a URL and of attachments derive from this: keep the parent folder's name in it.
      const relativePath = path.join(path.basename(path.dirname(path.resolve(input))), path.basename(input));
      const planned = await planFile(input, { input, inFolder: false, kind: options.kind, site: options.site, relativePath });
      if ('error' in planned) plan.rejected.push({ source: input, error: planned.error });
      else plan.files.push(planned);
      continue;
    }
    const root = path.resolve(input);
    const manifests = new Map<string, Map<string, ManifestEntry> | null>();
    /** The nearest folder (up to the root) with a manifest: pages under it are named relative to it. */
    const anchorOf = async (file: string): Promise<{ dir: string; manifest: Map<string, ManifestEntry> | null }> => {
      for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
        if (!manifests.has(dir)) manifests.set(dir, await readManifest(dir));
        const manifest = manifests.get(dir)!;
        if (manifest) return { dir, manifest };
        if (dir === root || dir === path.dirname(dir)) return { dir: root, manifest: null };
      }
    };
    for (const file of await walk(root)) {
      const anchor = await anchorOf(file);
      const relativePath = path.relative(anchor.dir, file);
      if (anchor.manifest && relativePath === 'index.jsonl') {
        plan.skipped.push({ source: file, reason: 'manifest of the saved pages (URL and site per file), used for them' });
        continue;
      }
      const planned = await planFile(file, {
        input, inFolder: true, kind: options.kind, site: options.site, folderSite: path.basename(anchor.dir),
        relativePath: path.join(path.basename(anchor.dir), relativePath),
        hint: anchor.manifest?.get(path.normalize(relativePath)),
      });
      if ('error' in planned) plan.skipped.push({ source: file, reason: planned.error });
      else plan.files.push(planned);
    }
  }
  return plan;
}

/** How many items the planned files hold, roughly (feed lines, one per page), for a progress bar. */
export async function estimateItems(files: PlannedFile[]): Promise<number> {
  let total = 0;
  for (const f of files) {
    if (f.format === 'file') total++;
    else {
      // Streamed: a feed of gigabytes is counted in 64 KiB pieces, never held whole.
      let lines = 0;
      let last = 10;
      for await (const chunk of createReadStream(f.path) as AsyncIterable<Buffer>) {
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        if (chunk.length > 0) last = chunk[chunk.length - 1];
      }
      if (last !== 10) lines++;
      total += f.format === 'csv' ? Math.max(0, lines - 1) : lines;
    }
  }
  return total;
}
