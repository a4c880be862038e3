// Bundles console/charts/entry.ts (ECharts, tree-shaken to the charts the analytics page uses) into the
// script the API serves at /console/vendor/charts.js. Built once per ECharts version and entry file:
// `zhiwen serve` calls ensureChartsBundle at start, as it does for the console itself.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ENTRY = path.join(here, 'entry.ts');
/** Where the bundle is written (ignored by git: built from the entry and the installed ECharts). */
export const CHARTS_BUNDLE = path.resolve(here, '..', '..', 'dist', 'console', 'charts.js');
const STAMP_LINE = /^\/\* zhiwen-charts ([0-9a-f]{16}) \*\//;

async function stamp(): Promise<string> {
  const { version } = await import('esbuild');
  const echarts = (createRequire(import.meta.url)('echarts/package.json') as { version: string }).version;
  return createHash('sha256').update(`esbuild ${version}\necharts ${echarts}\n`).update(readFileSync(ENTRY)).digest('hex').slice(0, 16);
}

/** One minified ES2019 IIFE defining `ZhiwenCharts`, stamped, written atomically. */
export async function buildCharts(out = CHARTS_BUNDLE): Promise<string> {
  const { build } = await import('esbuild');
  const s = await stamp();
  const result = await build({
    entryPoints: [ENTRY], bundle: true, write: false, format: 'iife', target: 'es2019', minify: true,
    legalComments: 'none', charset: 'utf8', logLevel: 'silent', banner: { js: `/* zhiwen-charts ${s} */` },
  });
  mkdirSync(path.dirname(out), { recursive: true });
  const partial = `${out}.${process.pid}.tmp`;
  writeFileSync(partial, result.outputFiles[0].text);
  renameSync(partial, out);
  return out;
}

/** The bundle, built first when missing or stale; a read-only install builds it in the temporary folder. */
export async function ensureChartsBundle(out = CHARTS_BUNDLE): Promise<{ file: string; built: boolean }> {
  let current: string | null = null;
  try {
    current = STAMP_LINE.exec(readFileSync(out, 'utf8').slice(0, 100))?.[1] ?? null;
  } catch { /* not built yet */ }
  if (current === (await stamp())) return { file: out, built: false };
  try {
    return { file: await buildCharts(out), built: true };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw err;
    return { file: await buildCharts(path.join(os.tmpdir(), 'zhiwen-console', path.basename(out))), built: true };
  }
}
