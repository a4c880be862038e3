// Bundles console/charts/entry.ts (ECharts, tree-shaken to the charts the analytics page uses) into the
// script the API serves at /console/vendor/charts.js. Built once per ECharts version and entry file:
// `zhiwen serve` calls ensureChartsBundle at start, as it does for the console itself.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBundle, ensureBundle, type BundleSpec } from '../../scripts/stamped-bundle';

const here = path.dirname(fileURLToPath(import.meta.url));
const ENTRY = path.join(here, 'entry.ts');
/** Where the bundle is written (ignored by git: built from the entry and the installed ECharts). */
export const CHARTS_BUNDLE = path.resolve(here, '..', '..', 'dist', 'console', 'charts.js');

const spec = (out: string): BundleSpec => ({
  name: 'charts', entry: ENTRY, out, inputs: () => [ENTRY],
  extra: () => `echarts ${(createRequire(import.meta.url)('echarts/package.json') as { version: string }).version}`,
});

/** One minified ES2019 IIFE defining `ZhiwenCharts`, stamped, written atomically. */
export const buildCharts = (out = CHARTS_BUNDLE): Promise<string> => buildBundle(spec(out));
/** The bundle, built first when missing or stale. */
export const ensureChartsBundle = (out = CHARTS_BUNDLE): Promise<{ file: string; built: boolean }> => ensureBundle(spec(out));
