// Bundles the widget (widget/src) into the one classic script the API serves at /widget/zhiwen.js.
// Run by `zhiwen serve` at start when the bundle is missing or older than its sources, and by
// scripts/build-widget.ts; the API only reads the file. Node-side code: never part of the bundle.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The widget's sources; everything in it but tests goes into the stamp. */
export const WIDGET_SOURCES = path.join(here, 'src');
export const WIDGET_ENTRY = path.join(WIDGET_SOURCES, 'index.ts');
/** Where the bundle is written (ignored by git: built from the sources). */
export const WIDGET_BUNDLE = path.resolve(here, '..', 'dist', 'widget', 'zhiwen.js');

const STAMP_LINE = /^\/\* zhiwen-widget ([0-9a-f]{16}) \*\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [full] : [];
  }).sort();
}

/** A hash of the sources and the bundler's version: the bundle is stale when its stamp differs. */
export async function sourceStamp(sources = WIDGET_SOURCES): Promise<string> {
  const { version } = await import('esbuild');
  const hash = createHash('sha256').update(`esbuild ${version}\n`);
  for (const file of sourceFiles(sources)) hash.update(`${path.relative(sources, file)}\n`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/** The stamp a bundle file was built with, or null when it is missing or unstamped. */
export function bundleStamp(file: string): string | null {
  try {
    return STAMP_LINE.exec(readFileSync(file, 'utf8').slice(0, 100))?.[1] ?? null;
  } catch {
    return null;
  }
}

export interface WidgetBuildOptions {
  /** Entry file; default widget/src/index.ts. */
  entry?: string;
  /** Output file; default dist/widget/zhiwen.js. */
  out?: string;
}

/**
 * Builds one minified IIFE that runs in any browser from 2020 on (ES2019 syntax), stamped with its
 * sources' hash, and writes it atomically (a reader never sees half a file). Returns the file.
 */
export async function buildWidget(options: WidgetBuildOptions = {}): Promise<string> {
  const entry = options.entry ?? WIDGET_ENTRY;
  const out = options.out ?? WIDGET_BUNDLE;
  const { build } = await import('esbuild');
  const stamp = await sourceStamp(path.dirname(entry));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2019',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
    banner: { js: `/* zhiwen-widget ${stamp} */` },
  });
  mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.${process.pid}.tmp`;
  writeFileSync(partial, result.outputFiles[0].text);
  renameSync(partial, out);
  return out;
}

/**
 * The bundle, built first when it is missing or its sources changed since; `built` says whether it was.
 * Where the install is read-only (a locked-down image), the bundle goes to the temporary folder instead.
 */
export async function ensureWidgetBundle(options: WidgetBuildOptions = {}): Promise<{ file: string; built: boolean }> {
  const out = options.out ?? WIDGET_BUNDLE;
  const sources = path.dirname(options.entry ?? WIDGET_ENTRY);
  if (bundleStamp(out) === (await sourceStamp(sources))) return { file: out, built: false };
  try {
    return { file: await buildWidget({ ...options, out }), built: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw err;
    return { file: await buildWidget({ ...options, out: path.join(os.tmpdir(), 'zhiwen-widget', path.basename(out)) }), built: true };
  }
}
