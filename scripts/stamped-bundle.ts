// One stamped browser bundle (the widget, the console, the console's charts): built by esbuild into a
// minified ES2019 IIFE (browsers from 2020 on), stamped in its first line with a hash of what it was
// built from, written atomically, and rebuilt only when that hash changes. Node-side build tooling:
// `zhiwen serve` runs it at start; the API only reads the files.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface BundleSpec {
  /** The stamp's name: `/* zhiwen-<name> <hash> *\/` heads the file. */
  name: string;
  entry: string;
  out: string;
  /** Files the stamp hashes; default every .ts file (tests excluded) in the entry's folder and below. */
  inputs?: () => string[];
  /** More that the bundle depends on (a library's version), hashed with the inputs. */
  extra?: () => string;
}

/** The .ts files of a folder and its subfolders, tests excluded, in a stable order. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [full] : [];
  }).sort();
}

/** A hash of the spec's inputs and the bundler's version: the bundle is stale when its stamp differs. */
export async function sourceStamp(spec: BundleSpec): Promise<string> {
  const { version } = await import('esbuild');
  const root = path.dirname(spec.entry);
  const hash = createHash('sha256').update(`esbuild ${version}\n${spec.extra?.() ?? ''}\n`);
  for (const file of spec.inputs?.() ?? sourceFiles(root)) hash.update(`${path.relative(root, file)}\n`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

/** The stamp a bundle file was built with, or null when it is missing or unstamped. */
export function bundleStamp(file: string, name: string): string | null {
  try {
    return new RegExp(`^/\\* zhiwen-${name} ([0-9a-f]{16}) \\*/`).exec(readFileSync(file, 'utf8').slice(0, 100))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** Builds the bundle and writes it atomically (a reader never sees half a file). Returns the file. */
export async function buildBundle(spec: BundleSpec, out = spec.out): Promise<string> {
  const { build } = await import('esbuild');
  const stamp = await sourceStamp(spec);
  const result = await build({
    entryPoints: [spec.entry], bundle: true, write: false, format: 'iife', target: 'es2019', minify: true,
    legalComments: 'none', charset: 'utf8', logLevel: 'silent', banner: { js: `/* zhiwen-${spec.name} ${stamp} */` },
  });
  mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.${process.pid}.tmp`;
  writeFileSync(partial, result.outputFiles[0].text);
  renameSync(partial, out);
  return out;
}

/**
 * The bundle, built first when it is missing or stale; `built` says whether it was. Where the install
 * is read-only (a locked-down image), it goes to the temporary folder instead.
 */
export async function ensureBundle(spec: BundleSpec): Promise<{ file: string; built: boolean }> {
  if (bundleStamp(spec.out, spec.name) === (await sourceStamp(spec))) return { file: spec.out, built: false };
  try {
    return { file: await buildBundle(spec), built: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw err;
    return { file: await buildBundle(spec, path.join(os.tmpdir(), `zhiwen-${spec.name}`, path.basename(spec.out))), built: true };
  }
}
