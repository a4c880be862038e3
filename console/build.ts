// Bundles the editors' console (console/src) into the one script the API serves at /console/console.js.
// Run by `zhiwen serve` at start when the bundle is missing or older than its sources; the API only
// reads the file. Node-side code: never part of the bundle. Same stamp scheme as widget/build.ts.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const CONSOLE_SOURCES = path.join(here, 'src');
export const CONSOLE_ENTRY = path.join(CONSOLE_SOURCES, 'main.ts');
/** Where the bundle is written (ignored by git: built from the sources). */
export const CONSOLE_BUNDLE = path.resolve(here, '..', 'dist', 'console', 'console.js');

const STAMP_LINE = /^\/\* zhiwen-console ([0-9a-f]{16}) \*\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [full] : [];
  }).sort();
}

async function sourceStamp(sources: string): Promise<string> {
  const { version } = await import('esbuild');
  const hash = createHash('sha256').update(`esbuild ${version}\n`);
  for (const file of sourceFiles(sources)) hash.update(`${path.relative(sources, file)}\n`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 16);
}

function bundleStamp(file: string): string | null {
  try {
    return STAMP_LINE.exec(readFileSync(file, 'utf8').slice(0, 100))?.[1] ?? null;
  } catch {
    return null;
  }
}

/** One minified ES2019 IIFE (browsers from 2020 on), stamped with its sources' hash, written atomically. */
export async function buildConsole(out = CONSOLE_BUNDLE): Promise<string> {
  const { build } = await import('esbuild');
  const stamp = await sourceStamp(CONSOLE_SOURCES);
  const result = await build({
    entryPoints: [CONSOLE_ENTRY], bundle: true, write: false, format: 'iife', target: 'es2019', minify: true,
    legalComments: 'none', charset: 'utf8', logLevel: 'silent', banner: { js: `/* zhiwen-console ${stamp} */` },
  });
  mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.${process.pid}.tmp`;
  writeFileSync(partial, result.outputFiles[0].text);
  renameSync(partial, out);
  return out;
}

/** The bundle, built first when missing or stale; a read-only install builds it in the temporary folder. */
export async function ensureConsoleBundle(out = CONSOLE_BUNDLE): Promise<{ file: string; built: boolean }> {
  if (bundleStamp(out) === (await sourceStamp(CONSOLE_SOURCES))) return { file: out, built: false };
  try {
    return { file: await buildConsole(out), built: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw err;
    return { file: await buildConsole(path.join(os.tmpdir(), 'zhiwen-console', path.basename(out))), built: true };
  }
}
